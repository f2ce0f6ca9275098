import { createContext, useContext } from "react";

/** Whether colour may be used: `NO_COLOR` (any non-empty value) turns it off. */
export const colorEnabled = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.NO_COLOR === undefined || env.NO_COLOR === "";

export const ColorContext = createContext(true);
export const useColor = (): boolean => useContext(ColorContext);
