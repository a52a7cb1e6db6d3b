export function Spinner({ size = 20, label }: { size?: number; label?: string }) {
  return (
    <span className="spinner" style={{ inlineSize: size, blockSize: size }} role={label ? "status" : undefined}>
      {label ? <span className="visually-hidden">{label}</span> : null}
    </span>
  );
}

export function PageSpinner() {
  return (
    <div className="page-spinner">
      <Spinner size={32} />
    </div>
  );
}
