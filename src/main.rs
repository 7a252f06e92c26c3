fn main() {
    std::process::exit(corroborate::cli::run());
}
