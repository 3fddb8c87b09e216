import type { ThemeConfig } from 'antd';

/** A restrained government blue: dark navy header, calm primary, dense tables. */
export const BRAND = {
  header: '#123d73',
  headerText: '#ffffff',
  primary: '#1f5fae',
  page: '#f0f2f5',
};

const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.primary,
    colorInfo: BRAND.primary,
    colorLink: BRAND.primary,
    borderRadius: 4,
    fontFamily: FONT,
    fontSize: 14,
    colorBgLayout: BRAND.page,
  },
  components: {
    Layout: { headerBg: BRAND.header, headerHeight: 52, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { itemBorderRadius: 2, itemMarginInline: 0, itemSelectedBg: '#e8f0fa' },
    Table: { headerBg: '#f3f6fa', headerColor: '#1f2d3d', rowHoverBg: '#f0f6ff', cellPaddingBlockSM: 7 },
    Card: { headerFontSize: 15 },
    Descriptions: { labelBg: '#f6f8fb' },
  },
};
