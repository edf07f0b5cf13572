-- Highlight links for dateline's semantic token types (@lsp.type.person, ...),
-- defined at startup so colourschemes can override them.
if vim.g.loaded_dateline then return end
vim.g.loaded_dateline = true
require('dateline').define_highlights()
