"""What to generate: sizes, and the deterministic choices every phase derives from the seed.

Partners are numbered by index: individuals 0..I-1, then households I..N-1. Their
database ids come from the phases that wrote them (see ``Plan.partner_ids``).
"""

import datetime
import random

FIRST_NAMES_F = (
    "Aminata Fatou Mariama Aissatou Kadiatou Hawa Fanta Isatou Adama Ramatoulaye Awa Bintou "
    "Ama Akosua Efua Abena Grace Mercy Esther Ruth Naomi Zainab Halima Amina Khadija Safiya"
).split()
FIRST_NAMES_M = (
    "Mamadou Ibrahima Ousmane Abdoulaye Moussa Amadou Boubacar Sekou Lamine Alhassan Kwame "
    "Kofi Kwabena Yaw Kojo Samuel Emmanuel Daniel Joseph Peter Musa Yusuf Suleiman Idrissa"
).split()
FAMILY_NAMES = (
    "Diallo Bah Barry Sow Camara Conteh Kamara Koroma Sesay Bangura Turay Jalloh Mansaray "
    "Mensah Owusu Boateng Asante Osei Appiah Addo Adjei Ofori Kargbo Fofanah Kanu Cole "
    "Johnson Williams Traore Keita Coulibaly Toure Sylla Cisse Balde Sankoh Tarawally"
).split()

# The three largest programs take these shares of the individuals; the rest of the
# memberships and applications are spread over the other programs.
BIG_SHARES = (0.55, 0.35, 0.25)


class Plan:
    def __init__(self, registrants, programs, cycles, applications_per_registrant, seed, today=None):
        self.n = registrants
        self.households = registrants // 5
        self.individuals = registrants - self.households
        self.programs = max(programs, 3)
        self.cycles = cycles
        self.seed = seed
        self.today = today or datetime.date.today()
        self.year = self.today.year
        target = int(registrants * applications_per_registrant)
        big = sum(int(self.individuals * s) for s in BIG_SHARES)
        others = list(range(3, self.programs))
        each = max(target - big, 0) // max(len(others), 1)
        self.sizes = {}
        for j in range(self.programs):
            if j < 3:
                self.sizes[j] = int(self.individuals * BIG_SHARES[j])
            else:
                self.sizes[j] = min(each, self.pool(j))
        self.partner_chunk = 200_000

    # -- programs -------------------------------------------------------------------
    def is_group_program(self, j):
        return j >= 3 and j % 5 == 4

    def pool(self, j):
        return self.households if self.is_group_program(j) else self.individuals

    def program_members(self, j):
        """Indexes of the partners who applied to program ``j`` (unique, shuffled)."""
        rng = random.Random(self.seed * 7919 + j)
        offset = self.individuals if self.is_group_program(j) else 0
        return [offset + i for i in rng.sample(range(self.pool(j)), self.sizes[j])]

    def program_cycles(self, j):
        """Number of cycles of program ``j``: the cycles go to the three big programs."""
        if j >= 3:
            return 0
        return self.cycles // 3 + (1 if j < self.cycles % 3 else 0)

    # -- partners -------------------------------------------------------------------
    def partner_chunks(self):
        return [(k, min(k + self.partner_chunk, self.n)) for k in range(0, self.n, self.partner_chunk)]

    def households_members(self):
        """(household index, [member indexes]) with the head first; 4 in 5 individuals
        live in a generated household of 2 to 6 people."""
        rng = random.Random(self.seed * 31 + 1)
        used = 0
        limit = int(self.individuals * 0.8)
        for h in range(self.households):
            size = rng.randint(2, 6)
            if used + size > limit:
                break
            yield self.individuals + h, list(range(used, used + size))
            used += size

    def estimated_rows(self):
        memberships = sum(self.sizes.values())
        big_enrolled = sum(self.sizes[j] * 0.84 * 0.9 * self.program_cycles(j) for j in range(3))
        return int(
            self.n * 2.7  # partners, IDs, phones
            + self.individuals * 0.8 * 2  # household memberships and their kinds
            + memberships * 3.76  # applications, memberships, status history
            + big_enrolled * 2.05  # entitlements and payments
        )


def partner_name(index, rng):
    female = rng.random() < 0.52
    given = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
    family = rng.choice(FAMILY_NAMES)
    return given, family, "female" if female else "male"


def national_id(index):
    """A unique 10-digit national ID starting with 9 (the demo's start with 1 to 5)."""
    return str(9_000_000_000 + (index * 7_368_787 + 1_234_567) % 1_000_000_000)


def phone_number(index, rng):
    return "+232" + str(rng.choice((76, 77, 78, 79, 30, 33, 88))) + str(100_000 + (index * 7_919) % 900_000)
