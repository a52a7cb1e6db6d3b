import type { NavigatorScreenParams } from "@react-navigation/native";
import type { NativeStackScreenProps } from "@react-navigation/native-stack";

export type TabParams = {
  /** A saved search to run: its query string, and when it was opened (the same one can run twice). */
  Search: { query: string; at: number } | undefined;
  Favourites: undefined;
  Messages: undefined;
  Sell: undefined;
  Account: undefined;
};

export type RootParams = {
  Tabs: NavigatorScreenParams<TabParams> | undefined;
  Listing: { id: number };
  Conversation: { id: number; title: string };
  SignIn: undefined;
  Register: undefined;
  MyListings: undefined;
  EditListing: { id: number };
  ListingStats: { id: number; title: string };
};

export type RootScreen<Name extends keyof RootParams> = NativeStackScreenProps<RootParams, Name>;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace ReactNavigation {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface RootParamList extends RootParams {}
  }
}
