//! A real editor as the client: Neovim, headless, attaches `claimcheck lsp` to a Markdown
//! buffer with its built-in LSP client and writes the diagnostics it then holds (its own
//! byte columns, converted from the negotiated encoding) to a file that is compared here.
//!
//! Skips visibly when `nvim` is not installed; `.ci/run` installs it and sets
//! `CLAIMCHECK_REQUIRE_NVIM=1`, which turns the skip into a failure.

use std::process::Command;

/// The Lua the editor runs: open the file, start and attach the server, wait for the first
/// diagnostics, write them out sorted, stop the server, quit.
const SCRIPT: &str = r#"
local bin, out, doc = os.getenv('CC_BIN'), os.getenv('CC_OUT'), os.getenv('CC_DOC')
vim.cmd('edit ' .. vim.fn.fnameescape(doc))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'markdown'
local done = false
local config = {
  name = 'claimcheck',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(doc, ':h'),
  init_options = { debounceMs = 0 },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      local lines = {}
      for _, d in ipairs(vim.diagnostic.get(buf)) do
        local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
        table.insert(lines, string.format('%d:%d-%d:%d %d %s', d.lnum, d.col, d.end_lnum, d.end_col, d.severity, tostring(code)))
      end
      table.sort(lines)
      vim.fn.writefile(lines, out)
      done = true
    end,
  },
}
local id
if vim.lsp.start then -- Neovim 0.8 and later
  id = vim.lsp.start(config, { bufnr = buf })
else
  id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, id)
end
if not vim.wait(60000, function() return done end, 20) then
  vim.fn.writefile({ 'timeout' }, out)
end
local client = vim.lsp.get_client_by_id(id)
if client then client.stop() end
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
vim.cmd('qa!')
"#;

#[test]
fn neovim_shows_the_diagnostics_at_the_right_columns() {
    let found = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CLAIMCHECK_REQUIRE_NVIM").is_none(),
            "CLAIMCHECK_REQUIRE_NVIM is set but nvim is not installed"
        );
        eprintln!(
            "SKIPPED neovim_shows_the_diagnostics_at_the_right_columns: nvim not found (apt-get install neovim)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("notes.md");
    let text = super::document();
    std::fs::write(&doc, &text).unwrap();
    let script = dir.path().join("attach.lua");
    std::fs::write(&script, SCRIPT).unwrap();
    let out = dir.path().join("diagnostics.txt");
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("CC_BIN", super::bin())
        .env("CC_OUT", &out)
        .env("CC_DOC", &doc)
        .current_dir(dir.path())
        .status()
        .expect("run nvim");
    assert!(status.success(), "nvim exited with {status}");
    let got = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("no diagnostics file: {e}"));

    // Neovim drops the BOM and the CRs from its buffer; its columns are bytes of the line.
    let buffer = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let at = |needle: &str, len: usize| {
        let (line, col) = super::position(&buffer, needle, true);
        format!("{line}:{col}-{line}:{}", col + len as u64)
    };
    let mut expected = vec![
        format!("{} 1 {}", at("14%", 3), super::CLAIM),
        format!("{} 3 synthetic-opioid-deaths-2021", at("70,601", 6)),
    ];
    expected.sort();
    assert_eq!(got.lines().collect::<Vec<_>>(), expected, "{got}");
}
