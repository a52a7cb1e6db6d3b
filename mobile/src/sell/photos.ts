// A seller's photos: picked from the library or taken with the camera,
// resized on the phone (the longest side at most 1600 px, JPEG) so uploads are
// quick on a mobile connection, then sent one by one with their progress.
import * as ImageManipulator from "expo-image-manipulator";
import * as ImagePicker from "expo-image-picker";
import { ApiError, authHeaders } from "@/api/client";
import type { Photo } from "@/api/types";
import { API_URL } from "@/config";
import { appendPhoto } from "@/sell/photo-file";

export const LONGEST_SIDE = 1600;

export type PickedPhoto = { uri: string; width: number; height: number };
/** Which photo of how many is on its way, and how much of it. */
export type UploadProgress = { index: number; count: number; percent: number };

/** The photos the seller chose, resized; [] when they cancelled; null when access was refused. */
export async function pickPhotos(source: "library" | "camera"): Promise<PickedPhoto[] | null> {
  const permission = source === "camera" ? await ImagePicker.requestCameraPermissionsAsync() : await ImagePicker.requestMediaLibraryPermissionsAsync();
  if (!permission.granted) return null;
  const options: ImagePicker.ImagePickerOptions = { mediaTypes: ["images"], quality: 1, allowsMultipleSelection: source === "library", selectionLimit: 20 };
  const result = source === "camera" ? await ImagePicker.launchCameraAsync(options) : await ImagePicker.launchImageLibraryAsync(options);
  if (result.canceled) return [];
  return Promise.all(result.assets.map(resize));
}

async function resize(asset: { uri: string; width: number; height: number }): Promise<PickedPhoto> {
  const landscape = asset.width >= asset.height;
  const longest = Math.max(asset.width, asset.height);
  const actions: ImageManipulator.Action[] = longest > LONGEST_SIDE ? [{ resize: landscape ? { width: LONGEST_SIDE } : { height: LONGEST_SIDE } }] : [];
  const image = await ImageManipulator.manipulateAsync(asset.uri, actions, { compress: 0.8, format: ImageManipulator.SaveFormat.JPEG });
  return { uri: image.uri, width: image.width, height: image.height };
}

/**
 * POST /listings/{id}/photos as multipart (field `image`). XMLHttpRequest,
 * not fetch: only it reports upload progress.
 */
export async function uploadPhoto(listingId: number, photo: PickedPhoto, onProgress: (fraction: number) => void): Promise<Photo> {
  const form = new FormData();
  await appendPhoto(form, photo);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${API_URL}/api/v1/listings/${listingId}/photos`);
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // an empty or non-JSON answer
      }
      if (xhr.status === 201) resolve(body as Photo);
      else reject(new ApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.send(form);
  });
}

/** Uploads `photos` one by one, reporting each one's progress; `onUploaded` hears of each as it lands (a retry skips those). */
export async function uploadPhotos(listingId: number, photos: readonly PickedPhoto[], onProgress: (progress: UploadProgress) => void, onUploaded: (photo: PickedPhoto, saved: Photo) => void): Promise<void> {
  for (const [at, photo] of photos.entries()) {
    const step = { index: at + 1, count: photos.length };
    onProgress({ ...step, percent: 0 });
    const saved = await uploadPhoto(listingId, photo, (fraction) => onProgress({ ...step, percent: Math.round(fraction * 100) }));
    onUploaded(photo, saved);
  }
}
