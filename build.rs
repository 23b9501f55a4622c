//! The bundled corpus and rules are embedded with include_dir; rebuild when either changes.
fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=corpus");
}
