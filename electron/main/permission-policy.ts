/**
 * Web permissions (camera, notifications from the page, geolocation, clipboard reads, HID, USB,
 * serial…): the renderer needs none, so every request and check is answered "no". Desktop
 * notifications come from the main process, which needs no web permission.
 */
export const permissionRequestAnswer = (_permission: string): false => false;
export const permissionCheckAnswer = (_permission: string): false => false;
export const devicePermissionAnswer = (_deviceType: string): false => false;
