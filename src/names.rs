//! Comparing person names: folding, transliteration rules and token-by-token
//! similarity, so that `Vladimir Puttin` is a variant of `Vladimir Putin`,
//! `Erdogan` is `Erdoğan`, `Zelenskiy` is a variant of `Zelenskyy`, and
//! `Melania Trump` is not `Donald Trump`.

use crate::text::fold;

/// How two name words compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TokenMatch {
    /// Equal once case and diacritics are folded.
    Same,
    /// Equal under transliteration rules (`Zelenskiy`/`Zelenskyy`, `Qaddafi`/`Gaddafi`).
    Translit,
    /// A small spelling difference (`Puttin`/`Putin`, `Galusin`/`Galuzin`).
    Close,
    /// The same words in another order (`Jinping Xi` for `Xi Jinping`).
    Order,
    Different,
}

/// A name word folded and normalised for transliteration: `kh` → `h`,
/// `x` → `ks`, `q` → `k`, `dh` → `d`, `ph` → `f`, `j`/`y`/`i` before a vowel
/// end alike, doubled letters single, a final `y`/`iy`/`yy`/`ii` → `i`.
pub fn translit(word: &str) -> String {
    translit_folded(fold(word))
}

/// `translit` of a word already folded (`fold(word)`).
fn translit_folded(mut s: String) -> String {
    // In this order, each only where it occurs (most words hold none: no copy is made).
    for (from, to) in
        [("kh", "h"), ("x", "ks"), ("q", "k"), ("dh", "d"), ("ph", "f"), ("ck", "k"), ("ou", "u"), ("w", "v")]
    {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut prev = '\0';
    for c in s.chars() {
        let c = if c == 'j' || c == 'y' { 'i' } else { c };
        if c != prev || !c.is_alphabetic() {
            out.push(c);
        }
        prev = c;
    }
    while out.ends_with("ii") {
        out.pop();
    }
    out
}

/// A word's transliterated form and each one-letter deletion of it (from a
/// word of three letters or more), as FNV hashes, each once: two words a
/// letter apart share a key, so variants are found without comparing every
/// name. No string is built for a deletion (`hash_without`); the hashes are
/// those of the strings (`key_hash`).
pub fn deletion_hashes(word: &str) -> Vec<u64> {
    let chars: Vec<char> = translit(word).chars().collect();
    let mut keys = vec![hash_without(crate::lexicon::Fnv::default(), &chars, &[])];
    if chars.len() >= 3 {
        keys.extend((0..chars.len()).map(|i| hash_without(crate::lexicon::Fnv::default(), &chars, &[i])));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// `h` fed the UTF-8 of `chars` but those at `skip`, and finished: the hash
/// of that string, when `h` is new, as `key_hash` gives it.
pub fn hash_without(mut h: crate::lexicon::Fnv, chars: &[char], skip: &[usize]) -> u64 {
    use std::hash::Hasher;
    h.write(&[]); // as hashing a whole string would, even an empty one
    let mut buf = [0u8; 4];
    for (j, c) in chars.iter().enumerate() {
        if !skip.contains(&j) {
            h.write(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    h.finish()
}

/// The FNV hash of a key, as `deletion_hashes` gives it.
pub fn key_hash(k: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::lexicon::Fnv::default();
    h.write(k.as_bytes());
    h.finish()
}

/// Damerau-Levenshtein distance (optimal string alignment) over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

pub fn compare_tokens(a: &str, b: &str) -> TokenMatch {
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb {
        return TokenMatch::Same;
    }
    if translit_folded(fa.clone()) == translit_folded(fb.clone()) {
        return TokenMatch::Translit;
    }
    let d = edit_distance(&fa, &fb);
    let n = fa.chars().count().min(fb.chars().count());
    if (n >= 3 && d <= 1) || (n >= 8 && d <= 2) {
        return TokenMatch::Close;
    }
    TokenMatch::Different
}

/// How a draft name relates to a source name.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch {
    /// (draft word index, source word index) pairs.
    pub pairs: Vec<(usize, usize, TokenMatch)>,
}

impl NameMatch {
    /// The worst word comparison.
    pub fn worst(&self) -> TokenMatch {
        self.pairs.iter().map(|p| p.2).max().unwrap_or(TokenMatch::Same)
    }
    /// Spelled the same, word for word.
    pub fn identical(&self) -> bool {
        self.worst() == TokenMatch::Same
    }
}

/// Splits a name into words (`Bashar al-Assad` → `Bashar`, `al-Assad`).
pub fn words(name: &str) -> Vec<&str> {
    name.split_whitespace().collect()
}

/// Whether `draft` names the same person as `source`, allowing spelling
/// differences: the surnames correspond, the first names correspond when both
/// have one, and any middle names of one appear in order in the other.
pub fn match_names(draft: &str, source: &str) -> Option<NameMatch> {
    match_names_by(draft, source, &mut compare_tokens)
}

/// `match_names` with the words compared by `cmp` (`compare_tokens`, or a
/// memo of it when one matcher compares many names with the same words).
pub fn match_names_by(draft: &str, source: &str, cmp: &mut dyn FnMut(&str, &str) -> TokenMatch) -> Option<NameMatch> {
    let compare_tokens = cmp;
    let d = words(draft);
    let s = words(source);
    if d.is_empty() || s.is_empty() {
        return None;
    }
    let last = compare_tokens(d[d.len() - 1], s[s.len() - 1]);
    if last == TokenMatch::Different {
        return reordered(&d, &s, compare_tokens);
    }
    if d.len() == 1 || s.len() == 1 {
        // One word against a surname: only a near-certain variant, never
        // look-alikes (`Truman` is not `Trump`).
        let (a, b) = (fold(d[d.len() - 1]), fold(s[s.len() - 1]));
        let strong = last == TokenMatch::Same
            || last == TokenMatch::Translit
            || (last == TokenMatch::Close && a.chars().count().min(b.chars().count()) >= 5);
        if !strong || (d.len() > 1 && s.len() == 1) {
            return None;
        }
        return Some(NameMatch { pairs: vec![(d.len() - 1, s.len() - 1, last)] });
    }
    let first = compare_tokens(d[0], s[0]);
    if first == TokenMatch::Different {
        return None;
    }
    let mut pairs = vec![(0, 0, first)];
    // Middle words of the shorter name must appear, in order, in the longer one.
    let mut j = 1;
    for (i, w) in d.iter().enumerate().take(d.len() - 1).skip(1) {
        let mut found = false;
        while j < s.len() - 1 {
            let m = compare_tokens(w, s[j]);
            j += 1;
            if m != TokenMatch::Different {
                pairs.push((i, j - 1, m));
                found = true;
                break;
            }
        }
        if !found {
            return None;
        }
    }
    pairs.push((d.len() - 1, s.len() - 1, last));
    // Two close words at once is too loose (`Vladimer Puttin` maybe, `Maria Lopez`/`Mario Lopes` no).
    let close = pairs.iter().filter(|p| p.2 == TokenMatch::Close).count();
    if close >= 2 && pairs.iter().all(|p| p.2 != TokenMatch::Same) {
        return None;
    }
    Some(NameMatch { pairs })
}

/// The same words in another order (`Jinping Xi`, `Orbán Viktor`): each word
/// of one is a word of the other, spelled the same or nearly.
fn reordered(d: &[&str], s: &[&str], compare_tokens: &mut dyn FnMut(&str, &str) -> TokenMatch) -> Option<NameMatch> {
    if d.len() != s.len() || d.len() < 2 {
        return None;
    }
    let mut used = vec![false; s.len()];
    let mut pairs = Vec::with_capacity(d.len());
    for (i, w) in d.iter().enumerate() {
        let (j, m) = (0..s.len())
            .filter(|&j| !used[j])
            .map(|j| (j, compare_tokens(w, s[j])))
            .filter(|&(_, m)| m <= TokenMatch::Translit)
            .min_by_key(|&(_, m)| m)?;
        used[j] = true;
        pairs.push((i, j, if i == j { m } else { TokenMatch::Order }));
    }
    Some(NameMatch { pairs })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys `deletion_hashes` hashes, as strings.
    fn deletion_keys(word: &str) -> Vec<String> {
        let t = translit(word);
        let chars: Vec<char> = t.chars().collect();
        let mut keys = vec![t.clone()];
        if chars.len() >= 3 {
            for i in 0..chars.len() {
                let d: String = chars.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, c)| c).collect();
                if !keys.contains(&d) {
                    keys.push(d);
                }
            }
        }
        keys
    }

    #[test]
    fn deletion_hashes_are_the_deletion_keys_hashed() {
        for w in ["Putin", "Zelenskyy", "Xi", "Erdoğan", "al-Assad", "aa", "Sjamsoeddin", ""] {
            let mut keys: Vec<u64> = deletion_keys(w).iter().map(|k| key_hash(k)).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(deletion_hashes(w), keys, "{w}");
        }
    }

    #[test]
    fn variants_are_found() {
        assert_eq!(match_names("Vladimir Puttin", "Vladimir Putin").unwrap().worst(), TokenMatch::Translit);
        assert_eq!(match_names("Vladimir Puten", "Vladimir Putin").unwrap().worst(), TokenMatch::Close);
        assert_eq!(match_names("Shinzo Abbe", "Shinzo Abe").unwrap().worst(), TokenMatch::Translit);
        assert!(match_names("Mikhail Galusin", "Mikhail Yurievich Galuzin").is_some());
        assert_eq!(match_names("Volodymyr Zelenskiy", "Volodymyr Zelenskyy").unwrap().worst(), TokenMatch::Translit);
        assert_eq!(match_names("Muammar Qaddafi", "Muammar Gaddafi").unwrap().worst(), TokenMatch::Close);
        assert_eq!(match_names("Alexei Navalny", "Aleksei Navalnyy").unwrap().worst(), TokenMatch::Translit);
    }

    #[test]
    fn words_in_another_order_are_a_variant() {
        assert_eq!(match_names("Jinping Xi", "Xi Jinping").unwrap().worst(), TokenMatch::Order);
        assert_eq!(match_names("Orbán Viktor", "Viktor Orbán").unwrap().worst(), TokenMatch::Order);
        assert!(match_names("Jinping Hu", "Xi Jinping").is_none());
        assert!(match_names("Trump Melania", "Donald Trump").is_none());
    }

    #[test]
    fn swapped_doubled_and_dropped_letters_are_variants() {
        assert_eq!(match_names("Parbowo Subianto", "Prabowo Subianto").unwrap().worst(), TokenMatch::Close);
        assert_eq!(match_names("Sjafrie Sjamsoeddin", "Sjarfie Sjamsoeddin").unwrap().worst(), TokenMatch::Close);
        assert!(!match_names("Retno Marssudi", "Retno Marsudi").unwrap().identical());
        assert!(!match_names("Sultan Hasanudin", "Sultan Hasanuddin").unwrap().identical());
    }

    #[test]
    fn diacritics_are_no_difference() {
        assert!(match_names("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan").unwrap().identical());
        assert!(match_names("Viktor Orban", "Viktor Orbán").unwrap().identical());
    }

    #[test]
    fn different_people_do_not_match() {
        assert!(match_names("Melania Trump", "Donald Trump").is_none());
        assert!(match_names("Truman", "Trump").is_none());
        assert!(match_names("Harry Truman", "Donald Trump").is_none());
        assert!(match_names("Joko Widodo", "Joko Susilo").is_none());
        assert!(match_names("Ahmad Fauzi", "Ahmad Fauzan").is_none());
    }
}
