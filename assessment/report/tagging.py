"""The PDF's structure tree: headings, paragraphs, lists, tables and figures, nested as a screen reader reads them.

fpdf2 2.8.9 tags only figures, each directly under /Document, and cannot carry a marked-content sequence over a
page break. `Tagger` replaces its `struct_builder`: it nests elements (Document > H1, P, L > LI > Lbl/LBody,
Table > TR > TH/TD, Figure), writes `/Role <</MCID n>> BDC … EMC` around what each draws, closes that sequence
at a page's foot and opens a new one for the same element on the next page, keeps the /ParentTree (per page,
MCID → element) and marks everything else drawn (running header, page footer, rules, cell borders) as
/Artifact, so that no content is left out of the tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from fpdf.syntax import PDFObject, PDFString

if TYPE_CHECKING:
    from fpdf import FPDF


def _text(value: str, security_handler: Any, obj_id: int) -> str:
    return PDFString(value, encrypt=True).serialize(_security_handler=security_handler, _obj_id=obj_id)


class Element(PDFObject):
    """One structure element: its role (a standard structure type), its parent, and its kids in reading order,
    each another element or a piece of marked content on a page (page number, MCID)."""

    def __init__(self, tagger: Tagger, role: str, parent: PDFObject, *, alt: str | None = None,
                 attributes: str | None = None) -> None:
        super().__init__()
        self.tagger = tagger
        self.role = role
        self.parent = parent
        self.alt = alt
        self.attributes = attributes  # an attribute dictionary, already written out, e.g. <</O /Table …>>
        self.kids: list[Element | tuple[int, int]] = []

    def pages(self) -> list[int]:
        """The pages its own content and its descendants' content are on, in order."""
        found: list[int] = []
        for kid in self.kids:
            for page in kid.pages() if isinstance(kid, Element) else [kid[0]]:
                if page not in found:
                    found.append(page)
        return found

    def serialize(self, obj_dict: dict[str, object] | None = None, _security_handler: Any = None) -> str:
        pages = self.pages()
        home = pages[0] if pages else None
        kids = []
        for kid in self.kids:
            if isinstance(kid, Element):
                kids.append(kid.ref)
            elif kid[0] == home:
                kids.append(str(kid[1]))
            else:  # content on another page than /Pg: a marked-content reference names its page
                kids.append(f"<</Type /MCR /Pg {self.tagger.page_ref(kid[0])} /MCID {kid[1]}>>")
        entries: dict[str, object] = {"/Type": "/StructElem", "/S": f"/{self.role}", "/P": self.parent.ref}
        if home is not None:
            entries["/Pg"] = self.tagger.page_ref(home)
        entries["/K"] = f"[{' '.join(kids)}]"
        if self.alt is not None:
            entries["/Alt"] = _text(self.alt, _security_handler, self.id)
        if self.attributes:
            entries["/A"] = self.attributes
        return super().serialize(obj_dict=entries)


class _Root(PDFObject):
    def __init__(self, tagger: Tagger) -> None:
        super().__init__()
        self.tagger = tagger

    def serialize(self, obj_dict: dict[str, object] | None = None, _security_handler: Any = None) -> str:
        tagger = self.tagger
        return super().serialize(obj_dict={
            "/Type": "/StructTreeRoot", "/K": f"[{tagger.document.ref}]", "/ParentTree": tagger.parent_tree.ref,
            "/ParentTreeNextKey": str(len(tagger.struct_parents)),
        })


class _ParentTree(PDFObject):
    """The number tree from each page's /StructParents to the element of each MCID on that page, by MCID."""

    def __init__(self, tagger: Tagger) -> None:
        super().__init__()
        self.tagger = tagger

    def serialize(self, obj_dict: dict[str, object] | None = None, _security_handler: Any = None) -> str:
        tagger = self.tagger
        nums = " ".join(f"{key} [{' '.join(e.ref for e in tagger.marked[page])}]"
                        for page, key in sorted(tagger.struct_parents.items(), key=lambda item: item[1]))
        return super().serialize(obj_dict={"/Nums": f"[{nums}]"})


class Tagger:
    """Builds the structure tree as the document is drawn. Set as an FPDF's `struct_builder`, whose output then
    writes the tree and sets /MarkInfo <</Marked true>>."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self.root = _Root(self)
        self.parent_tree = _ParentTree(self)
        self.document = Element(self, "Document", self.root)
        self.elements: list[Element] = []  # every element but the document, in the order made
        self.marked: dict[int, list[Element]] = {}  # page number → the element of each MCID on it, by MCID
        self.struct_parents: dict[int, int] = {}  # page number → its /StructParents key
        self.open: Element | None = None  # the element whose marked content is being drawn
        self.artifact_depth = 0
        self._carried: Element | None = None  # marked content cut by a page break, to go on on the next page
        # fpdf2's output sets /Pg on each of doc_struct_elem.k; this tree sets its own.
        self.doc_struct_elem = SimpleNamespace(k=())

    # --- what fpdf2's output asks of a struct_builder ---

    def empty(self) -> bool:
        return not self.elements

    def __iter__(self) -> Iterator[PDFObject]:
        yield self.root  # first: fpdf2 puts the first object yielded in the catalog as /StructTreeRoot
        yield self.parent_tree
        yield self.document
        yield from self.elements

    def page_ref(self, page: int) -> str:
        return self.pdf.pages[page].ref

    # --- building ---

    @property
    def busy(self) -> bool:
        """True while drawing inside a figure or an artifact: what is drawn there belongs to it, and no new
        element is made."""
        return self.open is not None or self.artifact_depth > 0

    def element(self, role: str, parent: Element | None = None, *, alt: str | None = None,
                attributes: str | None = None) -> Element:
        parent = parent or self.document
        made = Element(self, role, parent, alt=alt, attributes=attributes)
        parent.kids.append(made)
        self.elements.append(made)
        return made

    @contextmanager
    def mark(self, element: Element) -> Iterator[None]:
        """What is drawn inside is `element`'s content (in as many pieces as it has pages)."""
        if self.busy:  # inside a figure: its drawing is the figure's content
            yield
            return
        self._begin(element)
        try:
            yield
        finally:
            self._end()

    @contextmanager
    def artifact(self, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
        """What is drawn inside is no part of the content a reader hears: a rule, a border, a page's header."""
        if self.busy:
            yield
            return
        props = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
        self.pdf._out(f"/Artifact <<{props}>> BDC")
        self.artifact_depth += 1
        try:
            yield
        finally:
            self.artifact_depth -= 1
            self.pdf._out("EMC")

    def page_ends(self) -> None:
        """At a page's foot (before its footer): close the marked content a page break cut."""
        if self.open is not None:
            self._carried = self.open
            self._end()

    def page_starts(self) -> None:
        """At a page's head (after its header): go on with the marked content the break cut, under a new MCID."""
        if self._carried is not None:
            carried, self._carried = self._carried, None
            self._begin(carried)

    def _begin(self, element: Element) -> None:
        page = self.pdf.page
        on_page = self.marked.setdefault(page, [])
        mcid = len(on_page)
        on_page.append(element)
        element.kids.append((page, mcid))
        key = self.struct_parents.setdefault(page, len(self.struct_parents))
        self.pdf.pages[page].struct_parents = key
        self.pdf._out(f"/{element.role} <</MCID {mcid}>> BDC")
        self.open = element

    def _end(self) -> None:
        self.pdf._out("EMC")
        self.open = None
