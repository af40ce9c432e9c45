export interface FilterOption {
  value: string | number | boolean;
  /** Shown as is (a record's name)... */
  label?: string;
  /** ...or translated. */
  labelKey?: string;
}

export interface FilterTreeNode {
  id: string;
  name: string;
  children?: FilterTreeNode[];
}

export interface FilterField {
  /** The query parameter. */
  key: string;
  labelKey: string;
  type: 'text' | 'select' | 'boolean' | 'tree' | 'date-range' | 'number-range';
  options?: FilterOption[];
  /** For type tree (departments...). */
  tree?: FilterTreeNode[];
  multiple?: boolean;
  /** Bounds of a number-range (sent as `<key>From` / `<key>To`). */
  min?: number;
  max?: number;
  width?: string;
}
