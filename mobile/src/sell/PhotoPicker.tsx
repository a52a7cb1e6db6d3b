// A listing's photos as the seller sees them while listing or editing a car:
// the thumbnails (tap one to remove it), the buttons that add from the library
// or the camera (resized on the phone, sell/photos.ts), and the upload's
// progress. What adding and removing do (keep the photos for later, or upload
// and delete at once) is the screen's.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Image, Pressable, StyleSheet, Text, View } from "react-native";
import { pickPhotos, type PickedPhoto, type UploadProgress } from "@/sell/photos";
import { Button } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

type Props = {
  photos: readonly { key: string; uri: string }[];
  onPicked: (picked: PickedPhoto[]) => void;
  onRemove: (index: number) => void;
  /** Ask before removing (a photo buyers already see); without it a tap removes. */
  confirmRemoval?: boolean;
  progress: UploadProgress | null;
  busy: boolean;
};

export function PhotoPicker({ photos, onPicked, onRemove, confirmRemoval = false, progress, busy }: Props) {
  const { t } = useTranslation();
  const [refused, setRefused] = useState(false);
  const [asking, setAsking] = useState<number | null>(null);

  const add = async (source: "library" | "camera") => {
    setRefused(false);
    const picked = await pickPhotos(source);
    if (picked === null) setRefused(true);
    else if (picked.length) onPicked(picked);
  };
  const tap = (index: number) => (confirmRemoval ? setAsking(index) : onRemove(index));

  return (
    <View style={styles.box}>
      <View style={styles.photos}>
        {photos.map((photo, index) => (
          <Pressable key={photo.key} accessibilityRole="button" accessibilityLabel={t("sell.removePhoto", { index: index + 1 })} onPress={() => tap(index)} disabled={busy}>
            <Image source={{ uri: photo.uri }} style={[styles.thumb, asking === index && styles.chosen]} />
          </Pressable>
        ))}
      </View>
      {asking !== null && asking < photos.length ? (
        <View style={styles.ask} accessibilityRole="alert">
          <Text style={styles.text}>{t("sell.confirmRemovePhoto", { index: asking + 1 })}</Text>
          <View style={styles.row}>
            <Button
              label={t("sell.removePhotoConfirm")}
              onPress={() => {
                setAsking(null);
                onRemove(asking);
              }}
              disabled={busy}
            />
            <Button variant="secondary" label={t("myListings.cancel")} onPress={() => setAsking(null)} />
          </View>
        </View>
      ) : null}
      <View style={styles.row}>
        <Button variant="secondary" label={t("sell.addFromLibrary")} onPress={() => void add("library")} disabled={busy} />
        <Button variant="secondary" label={t("sell.takePhoto")} onPress={() => void add("camera")} disabled={busy} />
      </View>
      {progress ? <Text style={styles.muted}>{t("sell.uploading", progress)}</Text> : null}
      {refused ? (
        <Text style={styles.text} accessibilityRole="alert">
          {t("sell.noPermission")}
        </Text>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: space.sm },
  photos: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  thumb: { width: 80, height: 80, borderRadius: 8, backgroundColor: colors.border },
  chosen: { opacity: 0.5, borderWidth: 2, borderColor: colors.danger },
  ask: { gap: space.sm },
  row: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  muted: { color: colors.muted, textAlign: "left" },
  text: { color: colors.text, fontWeight: "600", textAlign: "left" },
});
