// A picked photo as the multipart field the upload sends. React Native's
// FormData sends a file given as { uri, name, type }; photo-file.web.ts is the
// browser build's, where FormData takes only real files.
import type { PickedPhoto } from "@/sell/photos";

export async function appendPhoto(form: FormData, photo: PickedPhoto): Promise<void> {
  form.append("image", { uri: photo.uri, name: "photo.jpg", type: "image/jpeg" } as unknown as Blob);
}
