// The sidebar app. Its content arrives with the VS Code experience.
export {};
