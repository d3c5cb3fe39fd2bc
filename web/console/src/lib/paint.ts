// A swatch's colour, set through the DOM: the CSP forbids style attributes in markup.
export function paint(color: string) {
  return (element: HTMLElement | null) => {
    if (element) element.style.backgroundColor = color;
  };
}

// An SVG shape's fill, the same way: a CSS colour or variable, which a fill attribute cannot hold.
export function fillWith(color: string) {
  return (element: SVGElement | null) => {
    if (element) element.style.fill = color;
  };
}
