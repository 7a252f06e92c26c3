#![allow(dead_code)]
//! Deterministic generated news articles for benchmarks: many events, each
//! reported by several outlets, in the shape of the seed articles.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const SYL: &[&str] = &[
    "ka", "ri", "mo", "ta", "lu", "se", "no", "vi", "da", "ren", "gor", "bas", "tin", "mel", "sar", "hu", "pe", "jo",
    "wa", "ki", "ro", "ze", "fa", "lin", "dor", "mak", "sul", "ter", "gan", "bu", "yo", "ne", "li", "ha", "pra", "sto",
];
const MONTHS: &[&str] = &[
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const DAYS: &[&str] = &["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];

fn word(r: &mut Rng, syllables: u64) -> String {
    (0..syllables).map(|_| r.pick(SYL)).collect()
}

fn name(r: &mut Rng) -> String {
    let n = 2 + r.below(2);
    let mut w = word(r, n);
    w[..1].make_ascii_uppercase();
    w
}

pub struct Event {
    pub a: String,
    pub b: String,
    pub place: String,
    pub topic: String,
    pub day: u32,
    pub month: usize,
    pub year: i32,
    pub minutes: u32,
}

pub fn event(r: &mut Rng) -> Event {
    let place = name(r);
    Event {
        a: format!("{} {}", name(r), name(r)),
        b: format!("{} {}", name(r), name(r)),
        topic: word(r, 3),
        place,
        day: 1 + r.below(28) as u32,
        month: r.below(12) as usize,
        year: 2010 + r.below(15) as i32,
        minutes: 20 + 5 * r.below(20) as u32,
    }
}

/// One article about `e`, about 2.5 KB.
pub fn article(r: &mut Rng, e: &Event, outlet: usize) -> String {
    let wd = DAYS[r.below(7) as usize];
    let surname_a = e.a.split(' ').nth(1).unwrap();
    let surname_b = e.b.split(' ').nth(1).unwrap();
    let mut s = String::new();
    s.push_str(&format!("{surname_a} dan {surname_b} Bahas Kerja Sama {}\n\n", e.place));
    s.push_str(&format!("Penulis {outlet} | Kabar {outlet}\n"));
    s.push_str(&format!(
        "KABAR{outlet}.COM, {} - Presiden {} dan Perdana Menteri {} bertemu di {} pada {wd} ({}/{}/{}) untuk membahas {}.\n",
        e.place.to_uppercase(), e.a, e.b, e.place, e.day, e.month + 1, e.year, e.topic
    ));
    s.push_str(&format!(
        "Pertemuan itu berlangsung {} menit, menurut juru bicara kepresidenan {} {}.\n",
        e.minutes,
        name(r),
        name(r)
    ));
    s.push_str("Baca juga: Berita lain yang tidak berkaitan dengan pertemuan ini\n");
    for _ in 0..6 {
        s.push_str(&format!(
            "Kedua pemimpin juga membicarakan soal {} dan {}, serta rencana kunjungan ke {} pada {} {} mendatang. {} menyebut pembicaraan itu konstruktif dan {} sepakat melanjutkan dialog.\n",
            word(r, 3), word(r, 2), name(r), 1 + r.below(28), MONTHS[r.below(12) as usize], surname_a, surname_b
        ));
    }
    s.push_str("ADVERTISEMENT\n");
    s.push_str(&format!(
        "Sebelumnya, {surname_b} pernah berkunjung ke {} pada {} lalu dan bertemu dengan Menteri {} selama dua jam.\n",
        name(r),
        MONTHS[r.below(12) as usize],
        name(r)
    ));
    s.push_str(&format!("Hal itu disampaikan kepada wartawan di {}, kemarin.\n", e.place));
    s
}

/// `n` articles over `n / per_event` events.
pub fn corpus(n: usize, per_event: usize, seed: u64) -> Vec<(std::path::PathBuf, String)> {
    let mut r = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    let mut e = event(&mut r);
    for i in 0..n {
        if i % per_event == 0 {
            e = event(&mut r);
        }
        out.push((std::path::PathBuf::from(format!("gen/{i:06}.txt")), article(&mut r, &e, i % per_event)));
    }
    out
}

/// The size of a larger archive to measure as well, from `CORROBORATE_BENCH_ARTICLES`.
#[allow(dead_code)]
pub fn archive_size() -> Option<usize> {
    std::env::var("CORROBORATE_BENCH_ARTICLES").ok()?.parse().ok().filter(|&n| n > 0)
}

/// The `n`-article corpus of `corpus(n, 5, 7)` written once to a folder under
/// the temporary directory (kept between runs; `done` marks a complete write).
pub fn write_generated(n: usize) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("corroborate-bench-corpus-{n}"));
    if !dir.join("done").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (path, text) in corpus(n, 5, 7) {
            std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
        }
        std::fs::write(dir.join("done"), "").unwrap();
    }
    dir
}

const VERBS: &[&str] =
    &["bertemu", "berbicara melalui telepon", "menggelar rapat", "meninjau proyek", "menandatangani nota"];
const ROLES: &[&str] =
    &["Presiden", "Menteri Luar Negeri", "Gubernur", "Wali Kota", "Perdana Menteri", "Direktur Utama"];
const LENGTHS: &[&str] = &["menit", "jam", "hari"];
const QUALIFIERS: &[&str] = &["", "sekitar ", "hampir ", "lebih dari ", "kurang dari "];

/// Distinct, real-looking news articles of about `bytes` in all, in which no
/// line occurs twice (so that reading them drops nothing as a repeated line):
/// each article has its own headline, dateline, people, dates and durations.
pub fn varied_articles(bytes: usize, seed: u64) -> Vec<String> {
    let mut r = Rng::new(seed);
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let e = event(&mut r);
        let mut lines = vec![format!("{} dan {} {} di {}", e.a, e.b, r.pick(VERBS), e.place)];
        lines.push(format!(
            "{}, {} ({}/{}/{}) - {} {} dan {} {} {} pada {} ({}/{}/{}) untuk membahas {} dan {}.",
            e.place.to_uppercase(),
            DAYS[r.below(7) as usize],
            e.day,
            e.month + 1,
            e.year,
            r.pick(ROLES),
            e.a,
            r.pick(ROLES),
            e.b,
            r.pick(VERBS),
            DAYS[r.below(7) as usize],
            e.day,
            e.month + 1,
            e.year,
            word(&mut r, 3),
            word(&mut r, 2)
        ));
        for _ in 0..(8 + r.below(8)) {
            let line = match r.below(4) {
                0 => format!(
                    "Pertemuan dengan {} {} itu berlangsung {}{} {}, kata juru bicara {} {}.",
                    r.pick(ROLES),
                    name(&mut r),
                    r.pick(QUALIFIERS),
                    1 + r.below(90),
                    r.pick(LENGTHS),
                    name(&mut r),
                    name(&mut r)
                ),
                1 => format!(
                    "Sebelumnya, {} {} berkunjung ke {} pada {} {} {} dan bertemu {} {} selama {} jam.",
                    r.pick(ROLES),
                    name(&mut r),
                    name(&mut r),
                    1 + r.below(28),
                    MONTHS[r.below(12) as usize],
                    2000 + r.below(25),
                    r.pick(ROLES),
                    name(&mut r),
                    1 + r.below(12)
                ),
                2 => format!(
                    "{} menyebut pembicaraan soal {} dan {} konstruktif, sementara {} meminta {} {} hari untuk menimbang rencana ke {}.",
                    e.a.split(' ').nth(1).unwrap_or(&e.a),
                    word(&mut r, 3),
                    word(&mut r, 2),
                    e.b.split(' ').nth(1).unwrap_or(&e.b),
                    r.pick(QUALIFIERS),
                    2 + r.below(60),
                    name(&mut r)
                ),
                _ => format!(
                    "Warga {} mengatakan {} {} lalu jalan menuju {} ditutup {} jam karena {} di kawasan {}.",
                    name(&mut r),
                    DAYS[r.below(7) as usize],
                    ["pekan", "bulan"][r.below(2) as usize],
                    name(&mut r),
                    1 + r.below(48),
                    word(&mut r, 3),
                    name(&mut r)
                ),
            };
            lines.push(line);
        }
        lines.retain(|l| seen.insert(l.clone()));
        let text = lines.join("\n") + "\n";
        total += text.len();
        out.push(text);
    }
    out
}
