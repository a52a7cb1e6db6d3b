import { useParams } from "react-router";
import { EditListing } from "@/features/listings/components/edit-listing";

export default function EditListingRoute() {
  const { id } = useParams();
  return (
    <div className="container page narrow-page">
      <EditListing id={Number(id)} />
    </div>
  );
}
