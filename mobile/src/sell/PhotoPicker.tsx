// A listing's photos as the seller sees them while listing or editing a car:
// the thumbnails (tap one to remove it), the buttons that add from the library
// or the camera (resized on the phone, sell/photos.ts), and the upload's
// progress; with `onMove`, arrows that move a saved photo earlier or later (the
// first is the cover). What adding, removing and moving do (keep the photos for
// later, or upload, delete and reorder at once) is the screen's.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Image, Pressable, StyleSheet, Text, View } from "react-native";
import { currentLanguage } from "@/i18n";
import { pickPhotos, type PickedPhoto, type UploadProgress } from "@/sell/photos";
import { Button } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

type Props = {
  /** `movable`: a saved photo, which `onMove` can put elsewhere among the saved ones. */
  photos: readonly { key: string; uri: string; movable?: boolean }[];
  onPicked: (picked: PickedPhoto[]) => void;
  onRemove: (index: number) => void;
  onMove?: (index: number, to: number) => void;
  /** Ask before removing (a photo buyers already see); without it a tap removes. */
  confirmRemoval?: boolean;
  progress: UploadProgress | null;
  busy: boolean;
};

export function PhotoPicker({ photos, onPicked, onRemove, onMove, confirmRemoval = false, progress, busy }: Props) {
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
  // Earlier is toward the start of the line: the left in English, the right in Arabic.
  const [earlierArrow, laterArrow] = currentLanguage() === "ar" ? ["→", "←"] : ["←", "→"];

  return (
    <View style={styles.box}>
      <View style={styles.photos}>
        {photos.map((photo, index) => (
          <View key={photo.key} style={styles.photo}>
            <Pressable accessibilityRole="button" accessibilityLabel={t("sell.removePhoto", { index: index + 1 })} onPress={() => tap(index)} disabled={busy}>
              <Image source={{ uri: photo.uri }} style={[styles.thumb, asking === index && styles.chosen]} />
            </Pressable>
            {onMove && photo.movable ? (
              <View style={styles.moves}>
                <Arrow glyph={earlierArrow} label={t("edit.movePhotoEarlier", { index: index + 1 })} disabled={busy || index === 0} onPress={() => onMove(index, index - 1)} />
                {index === 0 ? <Text style={styles.cover}>{t("edit.cover")}</Text> : null}
                <Arrow glyph={laterArrow} label={t("edit.movePhotoLater", { index: index + 1 })} disabled={busy || !photos[index + 1]?.movable} onPress={() => onMove(index, index + 1)} />
              </View>
            ) : null}
          </View>
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

function Arrow({ glyph, label, disabled, onPress }: { glyph: string; label: string; disabled: boolean; onPress: () => void }) {
  return (
    <Pressable accessibilityRole="button" accessibilityLabel={label} accessibilityState={{ disabled }} disabled={disabled} onPress={onPress} hitSlop={8} style={[styles.arrow, disabled && styles.arrowOff]}>
      <Text style={styles.arrowText}>{glyph}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  box: { gap: space.sm },
  photos: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  photo: { gap: space.xs, alignItems: "center" },
  moves: { flexDirection: "row", alignItems: "center", justifyContent: "space-between", width: 80 },
  arrow: { paddingHorizontal: space.sm, paddingVertical: 2, borderRadius: 6, borderWidth: 1, borderColor: colors.border },
  arrowOff: { opacity: 0.3 },
  arrowText: { color: colors.brand, fontWeight: "700" },
  cover: { color: colors.muted, fontSize: 12 },
  thumb: { width: 80, height: 80, borderRadius: 8, backgroundColor: colors.border },
  chosen: { opacity: 0.5, borderWidth: 2, borderColor: colors.danger },
  ask: { gap: space.sm },
  row: { flexDirection: "row", flexWrap: "wrap", gap: space.sm },
  muted: { color: colors.muted, textAlign: "left" },
  text: { color: colors.text, fontWeight: "600", textAlign: "left" },
});
