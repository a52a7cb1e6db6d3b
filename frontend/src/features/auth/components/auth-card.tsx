import type { ReactNode } from "react";
import { useDocumentTitle } from "@/lib/use-document-title";

export function AuthCard({ title, lead, documentTitle, children }: { title: string; lead: string; documentTitle: string; children: ReactNode }) {
  useDocumentTitle(documentTitle);
  return (
    <div className="container page auth-page">
      <div className="card card-body auth-card">
        <h1>{title}</h1>
        <p className="muted">{lead}</p>
        {children}
      </div>
    </div>
  );
}
