// The few colours and sizes the screens share (the web app's palette).
export const colors = {
  brand: "#0b6e4f",
  brandText: "#ffffff",
  text: "#1b1f23",
  muted: "#5f6b76",
  border: "#d8dee4",
  surface: "#ffffff",
  background: "#f5f7f9",
  chip: "#e6f2ed",
  danger: "#b42318",
  warning: "#b54708",
  warningSurface: "#fffaeb",
  badge: "#d92d20",
};

export const space = { xs: 4, sm: 8, md: 12, lg: 16, xl: 24 };
