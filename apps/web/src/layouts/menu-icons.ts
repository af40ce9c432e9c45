import {
  Aim,
  Avatar,
  Box,
  Calendar,
  ChatLineSquare,
  DataAnalysis,
  Document,
  Guide,
  House,
  Lock,
  Money,
  OfficeBuilding,
  Promotion,
  Service,
  Setting,
  Tickets,
  TrendCharts,
  Upload,
  User,
  UserFilled,
} from '@element-plus/icons-vue';
import type { Component } from 'vue';
import type { MenuGroup } from '@/router/meta';

/** Icons a route's meta.menu.icon may name. A domain adds the ones it needs. */
export const menuIcons: Record<string, Component> = {
  Aim,
  Avatar,
  Box,
  Calendar,
  ChatLineSquare,
  Document,
  Guide,
  House,
  User,
  UserFilled,
  OfficeBuilding,
  Lock,
  TrendCharts,
  Money,
  Service,
  Promotion,
  DataAnalysis,
  Setting,
  Tickets,
  Upload,
};

export const groupIcons: Record<MenuGroup, Component> = {
  customers: UserFilled,
  sales: TrendCharts,
  finance: Money,
  service: Service,
  marketing: Promotion,
  analytics: DataAnalysis,
  admin: Setting,
};
