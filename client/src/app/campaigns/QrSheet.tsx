// A printable A4 sheet of invitation QR codes (3 × 4 per page), each with its short code and cell, made
// in the browser from the one-time links (nothing is sent anywhere). Loaded only when someone prints.
import QRCode from 'qrcode';
import { useEffect, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { Locale } from '../i18n';
import type { IssuedInvitation } from './csv';
import { ct } from './i18n';

const PER_PAGE = 12;

/** The QR code as SVG path data: one unit square per dark module, a 4-module quiet zone around it. */
function QrSvg({ text, label }: { text: string; label: string }) {
  const { size, d } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let path = '';
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) path += `M${col} ${row}h1v1h-1z`;
    return { size: modules.size, d: path };
  }, [text]);
  return (
    <svg className="qr-item__code" viewBox={`-4 -4 ${size + 8} ${size + 8}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect x={-4} y={-4} width={size + 8} height={size + 8} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

interface Props {
  title: string;
  cell: string;
  invitations: IssuedInvitation[];
  locale: Locale;
  onClose: () => void;
}

export default function QrSheet({ title, cell, invitations, locale, onClose }: Props) {
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    printButton.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const pages: IssuedInvitation[][] = [];
  for (let i = 0; i < invitations.length; i += PER_PAGE) pages.push(invitations.slice(i, i + PER_PAGE));

  return createPortal(
    <div className="qr-sheet" role="dialog" aria-modal="true" aria-labelledby="qr-sheet-title" data-testid="qr-sheet">
      <div className="qr-sheet__bar">
        <div>
          <h2 id="qr-sheet-title" className="qr-sheet__title">
            {ct(locale, 'qr.title', { campaign: title })}
          </h2>
          <p className="field__hint">{ct(locale, 'qr.hint')}</p>
        </div>
        <div className="form__actions">
          <button ref={printButton} type="button" className="button button--primary" onClick={() => window.print()}>
            {ct(locale, 'qr.print')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {ct(locale, 'qr.close')}
          </button>
        </div>
      </div>
      {pages.map((page, p) => (
        <section className="qr-page" key={p} aria-label={`${p + 1}/${pages.length}`}>
          <p className="qr-page__head">
            {title} · {cell} · {p + 1}/{pages.length}
          </p>
          <div className="qr-page__grid">
            {page.map((inv) => (
              <figure className="qr-item" key={inv.code}>
                <QrSvg text={inv.url} label={ct(locale, 'qr.alt', { code: inv.code })} />
                <figcaption>
                  <strong className="qr-item__short">{inv.code}</strong>
                  <span className="qr-item__cell">{cell}</span>
                </figcaption>
              </figure>
            ))}
          </div>
        </section>
      ))}
    </div>,
    document.body,
  );
}
