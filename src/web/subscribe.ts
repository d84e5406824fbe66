/**
 * Subscribe links of a body's public feed (the feeds component serves `/feeds/public/<body>.ics`):
 * https and webcal addresses, Google Calendar and Outlook buttons, and a QR code. Pure except the
 * QR rendering.
 */
import QRCode from 'qrcode';

export interface SubscribeLinks {
  https: string;
  webcal: string;
  google: string;
  outlook: string;
}

/**
 * @example subscribeLinks('https://lich.example.gov.vn', 'ubnd', 'UBND huyện').webcal
 *   === 'webcal://lich.example.gov.vn/feeds/public/ubnd.ics'
 */
export function subscribeLinks(publicBaseUrl: string, bodyCode: string, name: string): SubscribeLinks {
  const https = `${publicBaseUrl.replace(/\/+$/, '')}/feeds/public/${encodeURIComponent(bodyCode)}.ics`;
  const webcal = https.replace(/^https?:\/\//, 'webcal://');
  return {
    https,
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(https)}&name=${encodeURIComponent(name)}`,
  };
}

/** The QR code of a URL as inline SVG (no external image, no script). */
export async function qrSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return svg.replace('<svg ', '<svg role="img" aria-label="Mã QR của địa chỉ đăng ký" ');
}
