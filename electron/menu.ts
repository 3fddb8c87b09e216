/**
 * The application menu, in Chinese on a Chinese system and English otherwise.
 * Standard items use Electron roles (which keep their native shortcuts); our
 * labels replace Electron's English ones.
 */
import { app, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';

type Lang = 'zh' | 'en';

const TEXT = {
  zh: {
    file: '文件',
    openDataDir: '打开数据文件夹',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullscreen: '全屏',
    window: '窗口',
    minimize: '最小化',
    close: '关闭窗口',
    help: '帮助',
    about: '关于 Sitebook',
    aboutDetail: (v: string) => `重点项目包保服务·走访台账\n版本 ${v}`,
    hide: '隐藏 Sitebook',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
  },
  en: {
    file: 'File',
    openDataDir: 'Open Data Folder',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullscreen: 'Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    close: 'Close Window',
    help: 'Help',
    about: 'About Sitebook',
    aboutDetail: (v: string) => `Key-project service visits ledger\nVersion ${v}`,
    hide: 'Hide Sitebook',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
  },
} as const;

export function menuLanguage(locale: string): Lang {
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function buildMenu(opts: { dataDir: string; dev: boolean }): Menu {
  const t = TEXT[menuLanguage(app.getLocale())];
  const isMac = process.platform === 'darwin';

  const about = (): void => {
    void dialog.showMessageBox({
      type: 'info',
      title: t.about,
      message: 'Sitebook',
      detail: t.aboutDetail(app.getVersion()),
    });
  };

  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: 'Sitebook',
            submenu: [
              { label: t.about, click: about },
              { type: 'separator' },
              { role: 'hide', label: t.hide },
              { role: 'hideOthers', label: t.hideOthers },
              { role: 'unhide', label: t.unhide },
              { type: 'separator' },
              { role: 'quit', label: t.quit },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: t.file,
      submenu: [
        { label: t.openDataDir, click: () => void shell.openPath(opts.dataDir) },
        ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: t.quit } as const]),
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        // Reload and developer tools only while developing: a reload mid-edit would lose unsaved form state.
        ...(opts.dev
          ? [{ role: 'reload', label: t.reload } as const, { role: 'toggleDevTools', label: t.devTools } as const]
          : []),
        { type: 'separator' },
        { role: 'resetZoom', label: t.resetZoom },
        { role: 'zoomIn', label: t.zoomIn },
        { role: 'zoomOut', label: t.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.fullscreen },
      ],
    },
    {
      label: t.window,
      submenu: [
        { role: 'minimize', label: t.minimize },
        { role: 'close', label: t.close },
      ],
    },
    {
      label: t.help,
      submenu: isMac
        ? [{ label: t.openDataDir, click: () => void shell.openPath(opts.dataDir) }]
        : [{ label: t.about, click: about }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
