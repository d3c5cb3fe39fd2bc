// A swatch's colour, set through the DOM: the CSP forbids style attributes in markup.
export function paint(color: string) {
  return (element: HTMLElement | null) => {
    if (element) element.style.backgroundColor = color;
  };
}
