import type { NavigatorScreenParams } from "@react-navigation/native";
import type { NativeStackScreenProps } from "@react-navigation/native-stack";

export type TabParams = {
  Search: { query?: string } | undefined;
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
};

export type RootScreen<Name extends keyof RootParams> = NativeStackScreenProps<RootParams, Name>;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace ReactNavigation {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface RootParamList extends RootParams {}
  }
}
