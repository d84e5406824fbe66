/**
 * Subscribe links of a body's public feed (the feeds component serves `/feeds/public/<body>.ics`):
 * https and webcal addresses, Google Calendar and Outlook buttons, and a QR code.
 */
import QRCode from 'qrcode';
import { publicFeedPath, subscribeLinks as feedSubscribeLinks, type SubscribeLinks } from '../feeds/links';

export type { SubscribeLinks };

/**
 * The links of a body's public feed, from the feeds component's own builder.
 *
 * @example subscribeLinks('https://lich.example.gov.vn', 'ubnd', 'UBND huyện').webcal
 *   === 'webcal://lich.example.gov.vn/feeds/public/ubnd.ics'
 */
export function subscribeLinks(publicBaseUrl: string, bodyCode: string, name: string): SubscribeLinks {
  return feedSubscribeLinks(`${publicBaseUrl.replace(/\/+$/, '')}${publicFeedPath(bodyCode)}`, name);
}

/** The QR code of a URL as inline SVG (no external image, no script). */
export async function qrSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return svg.replace('<svg ', '<svg role="img" aria-label="Mã QR của địa chỉ đăng ký" ');
}
