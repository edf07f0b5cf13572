-- dateline language server config for Neovim 0.11+:
--   vim.lsp.enable('dateline')
-- Override fields with vim.lsp.config('dateline', { cmd = { '/path/to/dateline', 'lsp' } }).
local dateline = require('dateline')
local config = dateline.client_config()
config.name = nil -- the name comes from the file name
return config
