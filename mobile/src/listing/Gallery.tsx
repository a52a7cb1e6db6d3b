// The listing's photos, swiped one page at a time; a tap opens them full screen.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FlatList, Image, Modal, Pressable, StyleSheet, Text, useWindowDimensions, View, type NativeScrollEvent, type NativeSyntheticEvent } from "react-native";
import type { Photo } from "@/api/types";
import { Button } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

function Pages({ photos, height, fullScreen, onPress }: { photos: Photo[]; height: number; fullScreen?: boolean; onPress?: () => void }) {
  const { t } = useTranslation();
  const { width } = useWindowDimensions();
  const [index, setIndex] = useState(0);
  const onScroll = (event: NativeSyntheticEvent<NativeScrollEvent>) => setIndex(Math.round(event.nativeEvent.contentOffset.x / width));
  const counter = t("listing.photo", { index: index + 1, count: photos.length });
  return (
    <View>
      <FlatList
        testID={fullScreen ? "gallery-full" : "gallery"}
        data={photos}
        horizontal
        pagingEnabled
        showsHorizontalScrollIndicator={false}
        keyExtractor={(photo) => String(photo.id)}
        onMomentumScrollEnd={onScroll}
        renderItem={({ item, index: at }) => (
          <Pressable onPress={onPress} accessibilityRole={onPress ? "imagebutton" : "image"} accessibilityLabel={t("listing.photo", { index: at + 1, count: photos.length })}>
            <Image source={{ uri: item.url }} style={{ width, height }} resizeMode={fullScreen ? "contain" : "cover"} />
          </Pressable>
        )}
      />
      <Text style={styles.counter}>{counter}</Text>
    </View>
  );
}

export function Gallery({ photos }: { photos: Photo[] }) {
  const { t } = useTranslation();
  const { height } = useWindowDimensions();
  const [full, setFull] = useState(false);
  if (!photos.length) {
    return (
      <View style={styles.none}>
        <Text style={styles.noneText}>{t("listing.noPhotos")}</Text>
      </View>
    );
  }
  return (
    <>
      <Pages photos={photos} height={260} onPress={() => setFull(true)} />
      <Modal visible={full} animationType="fade" onRequestClose={() => setFull(false)} supportedOrientations={["portrait", "landscape"]}>
        <View style={styles.full}>
          <Pages photos={photos} height={height * 0.8} fullScreen />
          <View style={styles.close}>
            <Button variant="secondary" label={t("listing.closeGallery")} onPress={() => setFull(false)} />
          </View>
        </View>
      </Modal>
    </>
  );
}

const styles = StyleSheet.create({
  counter: { position: "absolute", bottom: space.sm, end: space.sm, backgroundColor: "rgba(0,0,0,0.6)", color: "#fff", paddingHorizontal: space.sm, borderRadius: 8 },
  none: { height: 160, alignItems: "center", justifyContent: "center", backgroundColor: colors.border },
  noneText: { color: colors.muted },
  full: { flex: 1, backgroundColor: "#000", justifyContent: "center" },
  close: { position: "absolute", top: 48, end: space.lg },
});
