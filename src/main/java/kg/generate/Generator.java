package kg.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a realistic, synthetic fact set in kg's own format, for benchmarks and load tests: companies,
 * people, agencies, laws and countries; about two relationships per entity, attached by preferential
 * attachment so that degrees follow a power law (a few hubs, a long tail); ownership chains up to
 * {@link #MAX_DEPTH} deep with exact shares or share ranges, and a few ownership cycles; positions with
 * start and end dates; every relationship with a status and a cited source.
 *
 * <p>The output is a pure function of the settings: same settings, same bytes. Entity {@code i} is written
 * to file {@code i / perFile}, so no file comes near the fact reader's size limit. With {@code editPercent}
 * the same data set is written as a later revision: half that share of entities edited (and one of their
 * relationships), and half that share of entities added after the original ones, which is what an
 * incremental load sees.
 */
public final class Generator {

    /** Longest ownership chain written: owner of owner of ... of a company, ten steps. */
    public static final int MAX_DEPTH = 10;

    /**
     * Settings: entity count, random seed, entities per file, the share (percent) of new and edited facts, and
     * the share (percent) of the original files the edits fall in: 100 spreads them over every file; less puts
     * them all in the last files (as curation edits a few files at a time), more densely.
     */
    public record Settings(int entities, long seed, int perFile, double editPercent, double editedFilesPercent) {
        public Settings(int entities, long seed, int perFile, double editPercent) {
            this(entities, seed, perFile, editPercent, 100);
        }

        public Settings {
            if (editedFilesPercent <= 0 || editedFilesPercent > 100) {
                throw new IllegalArgumentException("edited files percent must be above 0 and at most 100");
            }
            if (entities < 1) {
                throw new IllegalArgumentException("need at least one entity");
            }
            if (perFile < 1) {
                throw new IllegalArgumentException("need at least one entity per file");
            }
            if (editPercent < 0 || editPercent > 100) {
                throw new IllegalArgumentException("edit percent must be 0..100");
            }
        }

        public Settings(int entities, long seed) {
            this(entities, seed, 20_000, 0);
        }

        int added() {
            return (int) Math.round(entities * editPercent / 200.0);
        }

        int total() {
            return entities + added();
        }

        /** Files of the original data set. */
        int originalFiles() {
            return (entities + perFile - 1) / perFile;
        }

        /** Original entities from this index on may be edited: those in the last files. */
        int firstEditable() {
            int files = (int) Math.ceil(originalFiles() * editedFilesPercent / 100.0);
            return Math.max(0, Math.min(entities, (originalFiles() - files) * perFile));
        }
    }

    /** What was written. */
    public record Summary(int files, int sources, int entities, int relationships) {
    }

    private enum Kind {
        COUNTRY("country", "Country"), COMPANY("co", "Company"), PERSON("p", "Person"),
        AGENCY("ag", "Agency"), LAW("law", "Law");

        final String prefix;
        final String type;

        Kind(String prefix, String type) {
            this.prefix = prefix;
            this.type = type;
        }
    }

    private static final String[] SYLLABLES = {"nor", "vik", "ar", "tel", "mon", "dra", "zen", "kal", "bor", "lin",
        "sa", "ve", "ter", "qu", "ion", "gal", "rho", "mer", "fin", "stra", "tor", "lux", "del", "cas", "ora", "pen"};
    private static final String[] COMPANY_SUFFIX = {"Holding AG", "Ltd", "SA", "BV", "GmbH", "Group", "Capital LLC",
        "Trading Co", "Logistics", "Investments", "Technologies", "SpA", "AB", "Oy", "Partners LP"};
    private static final String[] SECTORS = {"logistics", "telecommunications", "banking", "energy", "mining",
        "e-commerce", "shipping", "real estate", "defence", "semiconductors", "media", "construction"};
    private static final String[] FIRST = {"Anna", "Boris", "Chen", "Dana", "Emil", "Fatima", "Georg", "Hana", "Ivan",
        "Jun", "Karin", "Lars", "Mei", "Nikos", "Olga", "Pavel", "Quentin", "Rosa", "Sergei", "Tomas", "Ursula",
        "Viktor", "Wei", "Xenia", "Yusuf", "Zofia"};
    private static final String[] LAST = {"Andersen", "Bauer", "Chen", "Dumont", "Eriksson", "Fischer", "Gao",
        "Horvat", "Ivanova", "Jansen", "Kowalski", "Li", "Moreau", "Novak", "Olsen", "Petrov", "Quist", "Rossi",
        "Schmidt", "Tanaka", "Usmanov", "Varga", "Wang", "Xu", "Yilmaz", "Zhou"};
    private static final String[] ROLES = {"Chief Executive Officer", "Chair of the Board", "Director",
        "Chief Financial Officer", "Board Member", "Minister", "Deputy Minister", "Head of Service", "Adviser"};
    private static final String[] AGENCY_KINDS = {"government", "ministry", "intelligence", "security", "regulator",
        "parliament", "court", "police"};
    private static final String[] LAW_KINDS = {"statute", "regulation", "directive", "decree"};
    private static final String[] OBLIGATIONS = {"screen foreign investment", "report beneficial owners",
        "store data locally", "cooperate with state intelligence work", "disclose state subsidies"};
    /** The relationship types written, to tell their keys apart. */
    private static final List<String> RELATIONSHIP_TYPES = List.of("TRADES_WITH", "LOCATED_IN", "OVERSEES",
        "CITIZEN_OF", "HOLDS_POSITION", "MET_WITH", "PART_OF", "ENACTED", "OBLIGES", "OWNS");
    private static final String[] STATUSES = {"confirmed", "reported", "alleged", "denied"};

    private final Settings settings;
    private final SplittableRandom random;
    private final Kind[] kinds;
    private final int countries;
    private final int sources;
    /** For each company, one of its owners (entity index) or -1, and its depth below the top of its chain. */
    private final int[] ownerOf;
    private final byte[] depth;
    private final IntList companies = new IntList();
    private final IntList people = new IntList();
    private final IntList agencies = new IntList();
    private final IntList laws = new IntList();
    /** Each entity appears once per relationship end it has: picking from here prefers well-connected ones. */
    private final IntList companyTickets = new IntList();
    private final IntList bodyTickets = new IntList();
    private final LongSet keys = new LongSet();
    private int relationshipCount;

    public Generator(Settings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        int total = settings.total();
        this.kinds = new Kind[total];
        this.countries = Math.max(3, Math.min(250, settings.entities() / 400));
        this.sources = Math.max(1, settings.entities() / 100);
        this.ownerOf = new int[total];
        this.depth = new byte[total];
    }

    /** Writes the fact files {@code facts-00001.yaml ...} into {@code out} (created if need be). */
    public Summary write(Path out) {
        try {
            Files.createDirectories(out);
            int total = settings.total();
            int files = (total + settings.perFile() - 1) / settings.perFile();
            for (int f = 0; f < files; f++) {
                int from = f * settings.perFile();
                int to = Math.min(total, from + settings.perFile());
                Path file = out.resolve(String.format("facts-%05d.yaml", f + 1));
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    writeFile(w, f, files, from, to);
                }
            }
            return new Summary(files, sources, total, relationshipCount);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeFile(BufferedWriter w, int file, int files, int from, int to) throws IOException {
        w.write("# Synthetic facts written by kg generate (seed " + settings.seed() + "); not real data.\n");
        // Spread over the original files, so that a revision's added files add entities, not move sources.
        int originalFiles = settings.originalFiles();
        int firstSource = (int) ((long) sources * Math.min(file, originalFiles) / originalFiles);
        int lastSource = (int) ((long) sources * Math.min(file + 1, originalFiles) / originalFiles);
        if (lastSource > firstSource) {
            w.write("sources:\n");
            for (int s = firstSource; s < lastSource; s++) {
                w.write("  - id: " + sourceId(s) + "\n");
                w.write("    title: Registry extract " + (s + 1) + "\n");
                w.write("    publisher: " + (s % 3 == 0 ? "Commercial register" : s % 3 == 1 ? "Gazette" : "Press report") + "\n");
                w.write("    date: " + (2000 + s % 25) + "-" + pad2(1 + s % 12) + "\n");
            }
        }
        // Entities are streamed out as they are made; their relationships wait for the entities list to end.
        w.write("entities:\n");
        StringBuilder entities = new StringBuilder(1 << 16);
        StringBuilder relationships = new StringBuilder(1 << 20);
        for (int i = from; i < to; i++) {
            entity(i, entities, relationships);
            if (entities.length() > 1 << 15) {
                w.write(entities.toString());
                entities.setLength(0);
            }
        }
        w.write(entities.toString());
        if (!relationships.isEmpty()) {
            w.write("relationships:\n");
            w.write(relationships.toString());
        }
    }

    private void entity(int i, StringBuilder e, StringBuilder r) {
        Kind kind = kindOf(i);
        kinds[i] = kind;
        ownerOf[i] = -1;
        String id = id(i);
        boolean edited = edited(i);
        e.append("  - id: ").append(id).append('\n');
        e.append("    type: ").append(kind.type).append('\n');
        switch (kind) {
            case COUNTRY -> {
                e.append("    name: Republic of ").append(capital(word(3))).append('\n');
                e.append("    iso_code: \"").append((char) ('A' + i / 26 % 26)).append((char) ('A' + i % 26)).append("\"\n");
                if (i > 0) {
                    int other = random.nextInt(i);
                    rel(r, "TRADES_WITH", i, other, edited, "    balance: " + (random.nextInt(2_000_001) - 1_000_000) * 1000L
                            + "\n    currency: EUR\n    period: \"" + (2010 + random.nextInt(15)) + "\"\n");
                }
            }
            case COMPANY -> {
                e.append("    name: ").append(capital(word(2 + random.nextInt(2)))).append(' ')
                        .append(pick(COMPANY_SUFFIX)).append('\n');
                e.append("    sector: ").append(pick(SECTORS)).append('\n');
                e.append("    registration: HRB ").append(100_000 + i).append('\n');
                e.append("    founded: ").append(date()).append('\n');
                rel(r, "LOCATED_IN", i, randomCountry(), edited, "    kind: registered\n");
                own(i, r, edited);
                if (random.nextInt(100) < 5 && agencies.size() > 0) {
                    int agency = agencies.get(random.nextInt(agencies.size()));
                    rel(r, "OVERSEES", agency, i, false, "    kind: regulation\n");
                }
                companies.add(i);
                companyTickets.add(i);
                bodyTickets.add(i);
            }
            case PERSON -> {
                e.append("    name: ").append(pick(FIRST)).append(' ').append(pick(LAST)).append('\n');
                e.append("    born: ").append(1940 + random.nextInt(60)).append('\n');
                rel(r, "CITIZEN_OF", i, randomCountry(), edited, "");
                if (bodyTickets.size() > 0) {
                    int body = pickTicket(bodyTickets, companies);
                    int since = 1990 + random.nextInt(34);
                    String dates = "    since: " + since + "\n"
                            + (random.nextInt(100) < 30 ? "    until: " + (since + 1 + random.nextInt(8)) + "\n" : "");
                    if (rel(r, "HOLDS_POSITION", i, body, false, "    role: " + pick(ROLES) + "\n" + dates)) {
                        bodyTickets.add(body);
                        companyTickets.add(body);
                    }
                }
                if (random.nextInt(100) < 15 && people.size() > 0) {
                    int other = people.get(random.nextInt(people.size()));
                    rel(r, "MET_WITH", i, other, false, "    place: " + capital(word(2)) + "\n");
                }
                people.add(i);
            }
            case AGENCY -> {
                e.append("    name: ").append(capital(word(3))).append(" Authority\n");
                e.append("    kind: ").append(pick(AGENCY_KINDS)).append('\n');
                rel(r, "PART_OF", i, randomCountry(), edited, "");
                if (companies.size() > 0) {
                    int company = pickTicket(companyTickets, companies);
                    if (rel(r, "OVERSEES", i, company, false, "    kind: oversight\n")) {
                        companyTickets.add(company);
                    }
                }
                agencies.add(i);
                bodyTickets.add(i);
            }
            case LAW -> {
                e.append("    name: ").append(capital(word(3))).append(" Act\n");
                e.append("    kind: ").append(pick(LAW_KINDS)).append('\n');
                e.append("    reference: \"No. ").append(i).append("/").append(1990 + i % 35).append("\"\n");
                e.append("    enacted: ").append(date()).append('\n');
                int maker = agencies.size() > 0 && random.nextBoolean()
                        ? agencies.get(random.nextInt(agencies.size())) : randomCountry();
                rel(r, "ENACTED", maker, i, edited, "    stage: adopted\n");
                if (companies.size() > 0) {
                    int company = pickTicket(companyTickets, companies);
                    if (rel(r, "OBLIGES", i, company, false, "    obligation: " + pick(OBLIGATIONS) + "\n")) {
                        companyTickets.add(company);
                    }
                }
                laws.add(i);
            }
        }
        if (edited) {
            e.append("    description: Revised in a later extract.\n");
        }
    }

    /** Gives a new company an owner (or two), keeping chains at most {@link #MAX_DEPTH} deep; rarely closes a cycle. */
    private void own(int company, StringBuilder r, boolean edited) {
        if (random.nextInt(100) >= 80) {
            return;
        }
        int owners = random.nextInt(100) < 25 ? 2 : 1;
        int remaining = 10_000;
        for (int k = 0; k < owners; k++) {
            int owner;
            int roll = random.nextInt(100);
            if (roll < 70 && companies.size() > 0) {
                owner = pickTicket(companyTickets, companies);
                if (depth[owner] >= MAX_DEPTH - 1) {
                    owner = people.size() > 0 ? people.get(random.nextInt(people.size())) : randomCountry();
                }
            } else if (roll < 92 && people.size() > 0) {
                owner = people.get(random.nextInt(people.size()));
            } else {
                owner = randomCountry();
            }
            int share = k == owners - 1 ? remaining : 1 + random.nextInt(remaining - 1);
            remaining -= share;
            String props;
            if (random.nextInt(100) < 10) {
                int low = Math.max(0, share - 500 - random.nextInt(1000));
                int high = Math.min(10_000, share + 500 + random.nextInt(1000));
                props = "    share_min: " + fraction(low) + "\n    share_max: " + fraction(high) + "\n";
            } else {
                props = "    share: " + fraction(share) + "\n";
            }
            if (random.nextInt(100) < 20) {
                props += "    since: " + date() + "\n";
            }
            if (rel(r, "OWNS", owner, company, edited && k == 0, props)) {
                if (kinds[owner] == Kind.COMPANY) {
                    companyTickets.add(owner);
                    depth[company] = (byte) Math.max(depth[company], depth[owner] + 1);
                }
                ownerOf[company] = owner;
            }
        }
        // A cycle: now and then a company takes a stake in its owner's owner (A owns B owns C owns A).
        int owner = ownerOf[company];
        if (owner >= 0 && kinds[owner] == Kind.COMPANY && ownerOf[owner] >= 0 && kinds[ownerOf[owner]] == Kind.COMPANY
                && random.nextInt(100) < 3) {
            rel(r, "OWNS", company, ownerOf[owner], false, "    share: " + fraction(1 + random.nextInt(2000)) + "\n");
        }
    }

    /** Writes one relationship unless the same (type, from, to) was written already; true when written. */
    private boolean rel(StringBuilder r, String type, int from, int to, boolean edited, String props) {
        if (from == to) {
            return false;
        }
        boolean undirected = type.equals("MET_WITH");
        int a = undirected ? Math.min(from, to) : from;
        int b = undirected ? Math.max(from, to) : to;
        long key = (long) (RELATIONSHIP_TYPES.indexOf(type) + 1) << 56 | (long) a << 28 | b;
        if (!keys.add(key)) {
            return false;
        }
        relationshipCount++;
        int roll = random.nextInt(100);
        String status = roll < 50 ? STATUSES[0] : roll < 80 ? STATUSES[1] : roll < 95 ? STATUSES[2] : STATUSES[3];
        r.append("  - type: ").append(type).append('\n');
        r.append("    from: ").append(id(from)).append('\n');
        r.append("    to: ").append(id(to)).append('\n');
        r.append(props);
        r.append("    status: ").append(status).append('\n');
        if (status.equals("alleged") || status.equals("denied")) {
            r.append("    asserted_by: [").append(id(from)).append("]\n");
        }
        if (edited) {
            r.append("    note: revised\n");
        }
        r.append("    sources: [").append(sourceId(random.nextInt(sources))).append("]\n");
        return true;
    }

    private Kind kindOf(int i) {
        if (i < countries) {
            return Kind.COUNTRY;
        }
        int roll = random.nextInt(1000);
        return roll < 560 ? Kind.COMPANY : roll < 900 ? Kind.PERSON : roll < 960 ? Kind.AGENCY : Kind.LAW;
    }

    /**
     * Entities past the original count are new; of the original ones, a fixed pseudo-random share is edited
     * (editPercent/2 of them all, concentrated in the editable ones).
     */
    private boolean edited(int i) {
        int first = settings.firstEditable();
        if (settings.editPercent() == 0 || i >= settings.entities() || i < first) {
            return false;
        }
        double density = settings.editPercent() / 2 * settings.entities() / (settings.entities() - first);
        long h = mix(settings.seed() * 31 + i);
        return Math.floorMod(h, 20_000L) < Math.round(density * 200); // density above 100 %: every one
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Mostly a well-connected entity (power law), sometimes any one (so that newcomers get a first link). */
    private int pickTicket(IntList tickets, IntList all) {
        if (random.nextInt(100) < 80 && tickets.size() > 0) {
            return tickets.get(random.nextInt(tickets.size()));
        }
        return all.size() > 0 ? all.get(random.nextInt(all.size())) : tickets.get(random.nextInt(tickets.size()));
    }

    private int randomCountry() {
        return random.nextInt(countries);
    }

    private String id(int i) {
        return kinds[i].prefix + "-" + i;
    }

    private static String sourceId(int s) {
        return "src-" + s;
    }

    private String date() {
        int year = 1950 + random.nextInt(74);
        return switch (random.nextInt(3)) {
            case 0 -> Integer.toString(year);
            case 1 -> year + "-" + pad2(1 + random.nextInt(12));
            default -> year + "-" + pad2(1 + random.nextInt(12)) + "-" + pad2(1 + random.nextInt(28));
        };
    }

    private String word(int syllables) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < syllables; k++) {
            b.append(pick(SYLLABLES));
        }
        return b.toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String pad2(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** Basis points as a fraction: 2500 -> 0.25. */
    private static String fraction(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 4).stripTrailingZeros().toPlainString();
    }

    /** A growable int array: the generator keeps a few million of these, boxing them would cost ten times more. */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }
    }

    /** An open-addressing set of longs (never 0), for the relationship keys already written. */
    private static final class LongSet {
        private long[] table = new long[1 << 16];
        private int size;

        boolean add(long v) {
            if (v == 0) {
                v = Long.MIN_VALUE;
            }
            if (size * 2 >= table.length) {
                grow();
            }
            int mask = table.length - 1;
            int i = (int) mix(v) & mask;
            while (table[i] != 0) {
                if (table[i] == v) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            table[i] = v;
            size++;
            return true;
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            size = 0;
            for (long v : old) {
                if (v != 0) {
                    add(v);
                }
            }
        }
    }

}
