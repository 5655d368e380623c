//! Gazetteers and word lists: the data files in `data/` (see its README for sources and
//! licences) and short lists of general English.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Folds a name for comparison: lower case, accents removed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let base = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
                'a'
            }
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => {
                'o'
            }
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ñ' | 'Ñ' => 'n',
            'ç' | 'Ç' => 'c',
            'ý' | 'ÿ' | 'Ý' => 'y',
            '’' => '\'',
            c => c,
        };
        out.extend(base.to_lowercase());
    }
    out
}

fn load(data: &'static str, column: usize) -> HashSet<String> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split('\t').nth(column))
        .map(fold)
        .collect()
}

/// Countries and territories, folded.
pub static COUNTRIES: LazyLock<HashSet<String>> =
    LazyLock::new(|| load(include_str!("../data/countries.tsv"), 0));
/// Cities and capitals, folded.
pub static CITIES: LazyLock<HashSet<String>> =
    LazyLock::new(|| load(include_str!("../data/cities.tsv"), 0));
/// Given names, folded.
pub static GIVEN_NAMES: LazyLock<HashSet<String>> =
    LazyLock::new(|| load(include_str!("../data/given_names.txt"), 0));

/// Words of titles and roles that stand before a name: `Defense Minister`, `CEO`.
pub const TITLE_WORDS: &[&str] = &[
    "president",
    "presidents",
    "vice-president",
    "vice",
    "minister",
    "ministers",
    "prime",
    "deputy",
    "secretary",
    "chancellor",
    "governor",
    "mayor",
    "senator",
    "representative",
    "ambassador",
    "director",
    "director-general",
    "general",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "head",
    "executive",
    "commander",
    "colonel",
    "captain",
    "lieutenant",
    "major",
    "admiral",
    "marshal",
    "sergeant",
    "professor",
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "sir",
    "lord",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "judge",
    "justice",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "founder",
    "manager",
    "officer",
    "official",
    "gen.",
    "lt.",
    "col.",
    "capt.",
    "sen.",
    "rep.",
    "gov.",
    "pres.",
    "premier",
    "emir",
    "sultan",
    "pope",
    "bishop",
    "managing",
    "adviser",
    "advisor",
    "analyst",
    "editor",
    "reporter",
    "correspondent",
    "leader",
    "envoy",
    "speaker",
    "attorney",
    "auditor",
    "inspector",
    "engineer",
];

/// Lower-case nouns of occupation that stand before a name: `designer Mikhail
/// Kalashnikov`, `businessman Alex Saab`.
pub const ROLE_NOUNS: &[&str] = &[
    "designer",
    "businessman",
    "businesswoman",
    "entrepreneur",
    "activist",
    "lawyer",
    "economist",
    "author",
    "writer",
    "scientist",
    "expert",
    "politician",
    "diplomat",
    "journalist",
    "banker",
    "investor",
    "tycoon",
    "billionaire",
    "mogul",
    "architect",
    "inventor",
    "colleague",
    "opponent",
    "rival",
    "successor",
    "predecessor",
];

/// Lower-case nouns that make the capitalised word before them an organisation's name:
/// `the Izhmash factory`, `the Gazprom group`.
pub const ORG_NOUNS: &[&str] = &[
    "company",
    "corporation",
    "firm",
    "agency",
    "group",
    "concern",
    "maker",
    "manufacturer",
    "producer",
    "exporter",
    "operator",
    "developer",
    "contractor",
    "supplier",
    "bank",
    "factory",
    "plant",
    "holding",
    "conglomerate",
    "carrier",
    "airline",
    "utility",
    "network",
    "newspaper",
    "broadcaster",
    "consortium",
];

/// Last words of organisation names.
pub const ORG_SUFFIXES: &[&str] = &[
    "group",
    "concern",
    "corporation",
    "corp",
    "corp.",
    "company",
    "co",
    "co.",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "ag",
    "sa",
    "gmbh",
    "holding",
    "holdings",
    "agency",
    "service",
    "services",
    "ministry",
    "department",
    "office",
    "commission",
    "council",
    "committee",
    "bank",
    "fund",
    "authority",
    "university",
    "institute",
    "association",
    "union",
    "party",
    "army",
    "navy",
    "forces",
    "administration",
    "organization",
    "organisation",
    "federation",
    "times",
    "post",
    "news",
    "press",
    "agency",
    "airlines",
    "airways",
    "railways",
    "motors",
    "industries",
    "systems",
    "technologies",
    "energy",
    "foundation",
    "court",
    "parliament",
    "assembly",
    "congress",
    "senate",
    "police",
    "guard",
    "brigade",
    "division",
    "regiment",
    "exchange",
    "network",
    "media",
    "tv",
    "television",
    "radio",
    "journal",
    "magazine",
    "telegraph",
    "herald",
    "tribune",
    "gazette",
    "review",
    "blog",
    "labs",
    "laboratories",
    "alliance",
    "consortium",
    "cooperative",
    "enterprise",
    "enterprises",
    "works",
    "club",
    "school",
    "college",
    "academy",
    "hospital",
    "church",
    "mission",
    "secretariat",
    "directorate",
    "bureau",
];

/// First words of organisation names: `Ministry of Defence`, `Bank of America`.
pub const ORG_PREFIXES: &[&str] = &[
    "ministry",
    "department",
    "bank",
    "university",
    "institute",
    "federal",
    "national",
    "state",
    "central",
    "royal",
    "international",
    "united",
    "office",
    "council",
    "board",
    "commission",
    "house",
    "court",
    "compañía",
    "compania",
    "company",
    "corporation",
];

/// Last words of facility names: plants, airports, bridges.
pub const FACILITY_NOUNS: &[&str] = &[
    "plant", "factory", "works", "airport", "bridge", "station", "port", "dam", "reactor",
    "refinery", "mine", "pipeline", "terminal", "tunnel", "stadium", "tower", "center", "centre",
    "base", "shipyard", "harbour", "harbor", "canal", "railway", "line", "highway", "motorway",
    "hospital", "complex", "park",
];

/// Lower-case words that join parts of a name: `Padrino López`, `de Industrias`.
pub const CONNECTORS: &[&str] = &[
    "de", "del", "de la", "la", "las", "los", "da", "das", "do", "dos", "di", "van", "von", "der",
    "den", "ter", "bin", "ibn", "al", "el", "y", "e", "du", "le", "of", "for", "and", "&",
];

/// Words capitalised only because they open a sentence or a headline.
pub const COMMON_CAPITALISED: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "to",
    "of",
    "and",
    "but",
    "or",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "despite",
    "amid",
    "also",
    "likewise",
    "however",
    "meanwhile",
    "nevertheless",
    "according",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "beyond",
    "with",
    "without",
    "under",
    "over",
    "between",
    "besides",
    "because",
    "although",
    "though",
    "then",
    "now",
    "today",
    "yesterday",
    "last",
    "next",
    "new",
    "newer",
    "other",
    "two",
    "one",
    "three",
    "four",
    "five",
    "all",
    "some",
    "many",
    "most",
    "more",
    "several",
    "such",
    "each",
    "every",
    "both",
    "no",
    "not",
    "only",
    "just",
    "even",
    "still",
    "yet",
    "so",
    "thus",
    "yes",
    "yeah",
    "once",
    "please",
    "western",
    "eastern",
    "northern",
    "southern",
];

/// The country a demonym names: `Venezuelan` → `venezuela`, `Russian` → `russia`,
/// `Italian` → `italy`, `Chinese` → `china`, derived from the country list by the
/// regular English suffixes.
pub fn demonym_country(word: &str) -> Option<String> {
    let w = fold(word);
    if w.len() < 5 {
        return None;
    }
    for suffix in ["ian", "ean", "an", "ese", "ish", "i", "n"] {
        let Some(stem) = w.strip_suffix(suffix) else {
            continue;
        };
        for end in ["", "a", "ia", "y", "e", "ey", "land"] {
            let name = format!("{stem}{end}");
            if COUNTRIES.contains(&name) {
                return Some(name);
            }
        }
    }
    None
}
