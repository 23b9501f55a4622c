//! The `gongfu` binary: everything lives in the library; see `gongfu --help`.

fn main() -> std::process::ExitCode {
    gongfu::cli::run()
}
