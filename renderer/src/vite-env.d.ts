/** Asset imports resolved by Vite into URLs served from the app's own origin. */
declare module '*.svg' {
  const url: string;
  export default url;
}
declare module '*.css';
declare module '*.svg?raw' {
  const text: string;
  export default text;
}
