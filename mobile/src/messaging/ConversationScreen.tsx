// One conversation: its messages (newest at the bottom), live over the
// socket, marked read when seen; sending is POST …/messages.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FlatList, StyleSheet, Text, View } from "react-native";
import { api, ok } from "@/api/client";
import type { Message } from "@/api/types";
import type { RootScreen } from "@/navigation/types";
import { Button, ErrorNotice, Field, useErrorText } from "@/ui/controls";
import { colors, space } from "@/ui/theme";

export function ConversationScreen({ route }: RootScreen<"Conversation">) {
  const { id } = route.params;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const path = { params: { path: { conversation_id: id } } };
  const conversation = useQuery({ queryKey: ["conversations", id], queryFn: () => ok(api.GET("/api/v1/conversations/{conversation_id}", path)) });
  const thread = useQuery({ queryKey: ["messages", id], queryFn: async () => (await ok(api.GET("/api/v1/conversations/{conversation_id}/messages", path))).results });
  const newest = thread.data?.[0]?.id;

  // Seen: the other side's messages are read, and the badge drops.
  useEffect(() => {
    if (newest === undefined) return;
    void ok(api.POST("/api/v1/conversations/{conversation_id}/read", path)).then(() => {
      void queryClient.invalidateQueries({ queryKey: ["unread"] });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newest, id, queryClient]);

  const send = useMutation({
    mutationFn: () => ok(api.POST("/api/v1/conversations/{conversation_id}/messages", { ...path, body: { body: body.trim() } })),
    onSuccess: (message) => {
      setBody("");
      queryClient.setQueryData<Message[]>(["messages", id], (current = []) => (current.some((item) => item.id === message.id) ? current : [message, ...current]));
    },
  });

  if (thread.isError) return <ErrorNotice error={thread.error} onRetry={() => void thread.refetch()} />;
  const mine = conversation.data?.other_participant.id;
  const canSend = conversation.data?.can_send ?? true;
  return (
    <View style={styles.screen}>
      <FlatList
        inverted
        data={thread.data ?? []}
        keyExtractor={(item) => String(item.id)}
        contentContainerStyle={styles.list}
        renderItem={({ item }) => (
          <View style={[styles.bubble, item.sender_id === mine ? styles.theirs : styles.ours]}>
            <Text style={styles.body}>{item.body}</Text>
          </View>
        )}
      />
      {canSend ? (
        <View style={styles.composer}>
          <Field label={t("messages.placeholder")} value={body} onChangeText={setBody} multiline maxLength={4000} />
          <Button label={t("messages.send")} onPress={() => send.mutate()} disabled={!body.trim()} busy={send.isPending} />
          {send.isError ? <Text style={styles.error}>{errorText(send.error)}</Text> : null}
        </View>
      ) : (
        <Text style={styles.error}>{t("messages.cannotSend")}</Text>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  list: { padding: space.lg, gap: space.sm },
  bubble: { maxWidth: "80%", padding: space.md, borderRadius: 12, marginBottom: space.sm },
  ours: { alignSelf: "flex-end", backgroundColor: colors.chip },
  theirs: { alignSelf: "flex-start", backgroundColor: colors.surface },
  body: { color: colors.text, textAlign: "left" },
  composer: { padding: space.lg, borderTopWidth: 1, borderColor: colors.border },
  error: { color: colors.danger, padding: space.lg },
});
