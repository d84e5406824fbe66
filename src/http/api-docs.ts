/**
 * The browsable API documentation at /api-docs: Swagger UI from the `swagger-ui-dist` npm package,
 * served by the service itself (no CDN, no request to another site: the online validator is off),
 * reading /openapi.json. A strict Content-Security-Policy allows only this origin's scripts.
 */
import * as path from 'node:path';
import express, { Router } from 'express';

export const API_DOCS_PATH = '/api-docs';

/** The folder of swagger-ui-dist's built files. */
function swaggerUiDir(): string {
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const PAGE = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tài liệu API - Lịch họp</title>
<link rel="stylesheet" href="${API_DOCS_PATH}/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="${API_DOCS_PATH}/assets/favicon-32x32.png" sizes="32x32">
</head>
<body>
<p style="font-family:sans-serif;margin:1em 2em"><a href="/">Trang chủ</a> · Tài liệu API (OpenAPI 3.1:
<a href="/openapi.json">/openapi.json</a>). Đọc lịch công khai không cần khóa;
mọi thao tác ghi cần khóa API.</p>
<div id="swagger-ui"></div>
<script src="${API_DOCS_PATH}/assets/swagger-ui-bundle.js"></script>
<script src="${API_DOCS_PATH}/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

/** Only the files the page uses are served from the package (not its source maps or samples). */
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);

export function apiDocsRoutes(): Router {
  const r = Router();
  const assets = express.static(swaggerUiDir(), { index: false, maxAge: '1d', fallthrough: true });
  const headers = (res: express.Response) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
  };
  r.get(API_DOCS_PATH, (_req, res) => {
    headers(res);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('html').send(PAGE);
  });
  r.get(`${API_DOCS_PATH}/init.js`, (_req, res) => {
    headers(res);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('js').send(INIT);
  });
  r.use(`${API_DOCS_PATH}/assets`, (req, res, next) => {
    if (!ASSETS.has(req.path.replace(/^\//, ''))) {
      next();
      return;
    }
    headers(res);
    void assets(req, res, next);
  });
  return r;
}
