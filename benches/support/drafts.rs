//! The 2,000-word draft the check and language-server benchmarks use.

use std::path::Path;

pub fn draft_2000_words() -> String {
    // The example draft (five findings), then commentary that restates the
    // sources' facts, as a long piece would: many claims, few findings.
    let mut out =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/drafts/telepon.md")).unwrap();
    let filler = [
        "Presiden Rusia Vladimir Putin dan Presiden AS Donald Trump kembali berbicara melalui telepon pada Rabu (12/2/2025), dan pembicaraan itu berakhir setelah hampir satu setengah jam.",
        "Juru bicara Kremlin Dmitry Peskov mengatakan kedua pemimpin membahas Ukraina, Timur Tengah dan kerja sama ekonomi, sementara Gedung Putih menyebut percakapan itu produktif.",
        "Para pengamat menilai hubungan kedua negara tetap rumit dan penuh ketegangan, meski komunikasi langsung membuka peluang untuk meredakan konflik yang masih berlangsung.",
        "Pada percakapan pertama mereka, Sabtu (28/1/2017), Trump dan Putin sepakat memerangi terorisme internasional, termasuk kelompok ISIS di Suriah.",
        "Duta Besar Rusia untuk Indonesia, Mikhail Yurievich Galuzin, menyebut pembicaraan kedua kepala negara itu positif dan konstruktif bagi hubungan bilateral.",
    ];
    let mut i = 0;
    while out.split_whitespace().count() < 2000 {
        out.push('\n');
        out.push_str(filler[i % filler.len()]);
        out.push('\n');
        i += 1;
    }
    out
}
