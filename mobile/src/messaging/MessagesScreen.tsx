// The user's conversations, newest first, each with its unread count.
import { useNavigation } from "@react-navigation/native";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FlatList, Pressable, StyleSheet, Text, View } from "react-native";
import { api, ok } from "@/api/client";
import { useAccount } from "@/account/session";
import { Badge, Button, ErrorNotice } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

export function MessagesScreen() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { token } = useAccount();
  const conversations = useQuery({ queryKey: ["conversations"], queryFn: () => ok(api.GET("/api/v1/conversations")), enabled: !!token });
  if (!token) return <SignInPrompt />;
  if (conversations.isError) return <ErrorNotice error={conversations.error} onRetry={() => void conversations.refetch()} />;
  return (
    <FlatList
      data={conversations.data?.results ?? []}
      keyExtractor={(item) => String(item.id)}
      contentContainerStyle={styles.list}
      ListEmptyComponent={conversations.data ? <Text style={styles.muted}>{t("messages.empty")}</Text> : null}
      renderItem={({ item }) => (
        <Pressable accessibilityRole="button" onPress={() => navigation.navigate("Conversation", { id: item.id, title: item.listing.title })} style={styles.row}>
          <View style={styles.text}>
            <Text style={styles.title}>{item.listing.title}</Text>
            <Text style={styles.muted} numberOfLines={1}>
              {item.other_participant.display_name}: {item.last_message?.body ?? ""}
            </Text>
          </View>
          <Badge count={item.unread_count} label={t("messages.unread", { count: item.unread_count })} />
        </Pressable>
      )}
    />
  );
}

/** Why the app signed out, when the server ended the sign-in (another phone signed this one out, a new password). */
export function SessionEndedNotice() {
  const { t } = useTranslation();
  const { ended } = useAccount();
  if (!ended) return null;
  return (
    <Text style={styles.ended} accessibilityRole="alert">
      {t("account.sessionEnded")}
    </Text>
  );
}

export function SignInPrompt() {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { ended } = useAccount();
  return (
    <View style={styles.prompt}>
      {ended ? <SessionEndedNotice /> : <Text style={styles.muted}>{t("account.signInFirst")}</Text>}
      <Button label={t("account.signIn")} onPress={() => navigation.navigate("SignIn")} />
    </View>
  );
}

const styles = StyleSheet.create({
  list: { padding: space.lg },
  row: { flexDirection: "row", alignItems: "center", padding: space.md, backgroundColor: colors.surface, borderRadius: 10, marginBottom: space.sm, gap: space.md },
  text: { flex: 1, gap: space.xs },
  title: { fontWeight: "600", color: colors.text, textAlign: "left" },
  muted: { color: colors.muted, textAlign: "left" },
  prompt: { padding: space.lg, gap: space.md },
  ended: { color: colors.text, fontWeight: "600", textAlign: "left" },
});
