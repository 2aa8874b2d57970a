/**
 * Entry of the public pages (see routes.tsx). Chinese first; `?lang=en` switches to English for the few strings
 * shared here (modules keep their own public strings). No cookies, no localStorage, no analytics.
 */
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { PUBLIC_ROUTES } from './routes.tsx';
import './pub.css';

const english = new URLSearchParams(window.location.search).get('lang') === 'en';
document.documentElement.lang = english ? 'en' : 'zh-CN';

function NotFound() {
  return <Result status="404" title={english ? 'Page not found' : '页面不存在'} subTitle={english ? 'Check the link you were given.' : '请核对您收到的链接是否完整。'} />;
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from pub.html');
createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={english ? enUS : zhCN} theme={{ token: { colorPrimary: '#b71c1c', fontSize: 16 } }}>
      <BrowserRouter>
        <Suspense fallback={<div className="pub-loading"><Spin /></div>}>
          <Routes>
            {PUBLIC_ROUTES.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </ConfigProvider>
  </StrictMode>,
);
