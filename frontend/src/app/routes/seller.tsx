import { useParams } from "react-router";
import { SellerPage } from "@/features/sellers/components/seller-page";

export default function SellerRoute() {
  const { id } = useParams();
  return <SellerPage id={Number(id)} />;
}
