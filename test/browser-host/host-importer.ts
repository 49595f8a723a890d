/** The browser host imports as the desktop does: on a second connection (electron/main/desktop-importer.ts). */
export { desktopImporter as hostImporter } from '../../electron/main/desktop-importer';
