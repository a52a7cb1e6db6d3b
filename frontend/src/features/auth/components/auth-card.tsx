import type { ReactNode } from "react";
import { Navigate } from "react-router";
import { useNextPath } from "@/features/auth/hooks/use-next-path";
import { useUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";

export function AuthCard({ title, lead, documentTitle, children }: { title: string; lead: string; documentTitle: string; children: ReactNode }) {
  useDocumentTitle(documentTitle);
  const { data: user } = useUser();
  const next = useNextPath();
  // Already signed in (another tab, the back button): go where sign-in would have led.
  if (user) return <Navigate to={next} replace />;
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
