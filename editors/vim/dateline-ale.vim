" dateline with ALE (Vim 8.2+/9, ALE 3.x): put this in your vimrc after ALE
" is loaded (e.g. in ~/.vim/after/plugin/dateline.vim). ALE starts
" `dateline lsp` for text and Markdown files under a folder that has a
" dateline.toml, and leaves other text files alone.

let g:dateline_executable = get(g:, 'dateline_executable', empty($DATELINE_BIN) ? 'dateline' : $DATELINE_BIN)

function! DatelineProjectRoot(buffer) abort
    let l:config = ale#path#FindNearestFile(a:buffer, 'dateline.toml')
    return empty(l:config) ? '' : fnamemodify(l:config, ':h')
endfunction

for s:filetype in ['text', 'markdown']
    call ale#linter#Define(s:filetype, {
    \   'name': 'dateline',
    \   'lsp': 'stdio',
    \   'executable': {buffer -> g:dateline_executable},
    \   'command': '%e lsp',
    \   'project_root': function('DatelineProjectRoot'),
    \   'initialization_options': {'customTokenTypes': v:true},
    \   'lsp_config': {'dateline': {'inlayHints': v:true}},
    \})
endfor

" Use only dateline for these filetypes (ALE has other text linters).
let g:ale_linters = extend(get(g:, 'ale_linters', {}), {'text': ['dateline'], 'markdown': ['dateline']})
