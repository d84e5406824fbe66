/**
 * Subscribe links of a feed: the https URL, the same as webcal:// (opens the system's calendar
 * app), and "add to Google Calendar" / "add to Outlook" links. Pure.
 */
export interface SubscribeLinks {
  name: string;
  https: string;
  webcal: string;
  google: string;
  outlook: string;
  office365: string;
}

/**
 * @example subscribeLinks('https://lich.example.gov.vn/feeds/public/ubnd.ics', 'Lịch họp UBND').webcal
 * // 'webcal://lich.example.gov.vn/feeds/public/ubnd.ics'
 */
export function subscribeLinks(httpsUrl: string, name: string): SubscribeLinks {
  const webcal = httpsUrl.replace(/^https?:\/\//, 'webcal://');
  const outlookQuery = `url=${encodeURIComponent(httpsUrl)}&name=${encodeURIComponent(name)}`;
  return {
    name,
    https: httpsUrl,
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?${outlookQuery}`,
    office365: `https://outlook.office.com/calendar/0/addfromweb?${outlookQuery}`,
  };
}

export function publicFeedPath(bodyCode: string): string {
  return `/feeds/public/${encodeURIComponent(bodyCode)}.ics`;
}

export function privateFeedPath(secret: string): string {
  return `/feeds/${secret}.ics`;
}
