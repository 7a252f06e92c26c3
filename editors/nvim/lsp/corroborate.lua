-- corroborate for Neovim 0.11+: with editors/nvim on the runtimepath,
--   vim.lsp.enable('corroborate')
-- starts `corroborate lsp` for Markdown and plain-text buffers.
---@type vim.lsp.Config
return {
  cmd = { vim.env.CORROBORATE_SERVER_PATH or 'corroborate', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'corroborate.toml', 'seeds', '.git' },
  -- Settings the server understands (all optional):
  --   corpus = { 'sources' }    folders of source articles, relative to the root
  --   debounceMs = 250          a fixed delay before re-checking while typing (unset: none,
  --                             except after a slow analysis)
  --   inlayHints = false        show resolved relative dates (`bulan lalu` → Jan 2025)
  --   severity = { unsupported = 'off' }
  init_options = {},
}
