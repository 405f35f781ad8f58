import { fireEvent, waitFor } from '@testing-library/react';

/** Types into a Taro <Input id="…"> or <Textarea id="…">; its web component renders the real field a moment later. */
export async function typeInto(id: string, value: string): Promise<void> {
  const input = await waitFor(() => {
    const element = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id} input, #${id} textarea`);
    if (!element) throw new Error(`no input inside #${id}`);
    return element;
  });
  fireEvent.input(input, { target: { value } });
}

export function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no element #${id}`);
  return element;
}
