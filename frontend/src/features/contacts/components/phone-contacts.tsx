import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useRevealPhone, type SellerPhone } from "@/features/contacts/api/reveal-phone";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { errorMessage } from "@/lib/error-message";
import type { ContactChannel } from "@/api/models";

/**
 * "Call" and "WhatsApp" beside the chat, as the seller chose. The number stays
 * hidden until the buyer asks for it (a lead for the seller); then the buttons
 * become a tel: link and the wa.me link with a message naming the car.
 */
export function PhoneContacts({ listingId, channels }: { listingId: number; channels: ContactChannel[] }) {
  const { t } = useTranslation();
  const reveal = useRevealPhone();
  const [phone, setPhone] = useState<SellerPhone | null>(null);
  const [asked, setAsked] = useState<ContactChannel | null>(null);
  if (!channels.length) return null;

  const ask = (channel: ContactChannel) => {
    setAsked(channel);
    reveal.mutate({ listingId, channel }, { onSuccess: setPhone });
  };

  return (
    <div className="phone-contacts stack">
      <div className="row">
        {channels.includes("call") ? (
          phone?.call ? (
            <a className="btn btn-secondary btn-m" href={`tel:${phone.phone}`} dir="ltr">
              {t("contacts.callNumber", { phone: phone.phone })}
            </a>
          ) : (
            <Button variant="secondary" loading={reveal.isPending && asked === "call"} disabled={reveal.isPending} onClick={() => ask("call")}>
              {t("contacts.call")}
            </Button>
          )
        ) : null}
        {channels.includes("whatsapp") ? (
          phone?.whatsapp_url ? (
            <a className="btn btn-secondary btn-m btn-whatsapp" href={phone.whatsapp_url} target="_blank" rel="noopener noreferrer">
              {t("contacts.openWhatsApp")}
            </a>
          ) : (
            <Button variant="secondary" loading={reveal.isPending && asked === "whatsapp"} disabled={reveal.isPending} onClick={() => ask("whatsapp")}>
              {t("contacts.whatsapp")}
            </Button>
          )
        ) : null}
      </div>
      {phone ? <p className="muted">{t("contacts.safety")}</p> : null}
      {reveal.error ? <Alert tone="danger">{errorMessage(reveal.error, t)}</Alert> : null}
    </div>
  );
}
