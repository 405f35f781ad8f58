import { act, fireEvent, render, screen } from '@testing-library/react';
import { makeSession } from '../../../test/factories';
import { typeInto } from '../../../test/ui';
import { sessionStore } from '../../stores/session';
import ScanPage from './index';

beforeEach(() => {
  sessionStore.clear();
  act(() => sessionStore.set(makeSession()));
});

describe('ScanPage on H5', () => {
  it('offers a text field instead of the camera and accepts a typed code', async () => {
    render(<ScanPage />);
    expect(document.getElementById('scan-button')).toBeNull();

    await typeInto('arrival-code-input', 'B7Kx2Q');
    fireEvent.click(screen.getByText('确认报到码'));

    expect(await screen.findByText('已识别报到码')).toBeInTheDocument();
    expect(screen.getByText('B7Kx2Q')).toBeInTheDocument();
  });

  it('explains when the typed text is not an arrival code', async () => {
    render(<ScanPage />);

    await typeInto('arrival-code-input', '这不是码');
    fireEvent.click(screen.getByText('确认报到码'));

    expect(await screen.findByText(/这不是报到码/)).toBeInTheDocument();
    expect(screen.queryByText('已识别报到码')).toBeNull();
  });
});
