// The browser build: the resized photo is a blob: or data: URL, read back into a File.
import type { PickedPhoto } from "@/sell/photos";

export async function appendPhoto(form: FormData, photo: PickedPhoto): Promise<void> {
  const blob = await (await fetch(photo.uri)).blob();
  form.append("image", new File([blob], "photo.jpg", { type: "image/jpeg" }));
}
