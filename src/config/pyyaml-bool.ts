/**
 * PyYAML's booleans. YAML 1.1 also reads y/Y/n/N as booleans; PyYAML does not, and MassGen configs
 * are written for PyYAML.
 */
export const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
export const PY_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;
