import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

type ReportInput = { conversationId: number; reason: string; idempotencyKey?: string };
type ConversationReport = { id: number; status: string; created_at: string };

/** 201 a new report, or 200 with the reporter's report still open; 400 `reason` when empty. */
function reportConversation({ conversationId, reason, idempotencyKey }: ReportInput): Promise<ConversationReport> {
  return api.post<ConversationReport>(`/conversations/${conversationId}/report`, { reason }, { idempotencyKey });
}

export function useReportConversation() {
  return useMutation({ mutationFn: reportConversation });
}
