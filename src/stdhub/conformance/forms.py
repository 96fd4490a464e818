"""Forms of the data-standards section: thin layers over ``services``.

Each form's ``save()`` calls one service; the errors the service raises by field
land on the matching form field (a malformed schema on the schema field, with
the engine's message), and nothing is saved.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stdhub.core.forms import ServiceErrorsMixin
from stdhub.core.permissions import member_orgs
from stdhub.core.uploads import as_path, check_upload
from stdhub.orgs.queries import organizations_to_choose
from stdhub.standards.models import Standard
from stdhub.standards.policies import editor_orgs
from stdhub.standards.queries import canonical_code, standard_by_code

from . import queries, services
from .engine.reader import CSV_SUFFIXES, XLSX_SUFFIXES
from .models import CodeList, DataStandard, DataStandardVersion

ENCODINGS = [("", _("自动识别 detect")), ("utf-8", "UTF-8"), ("gbk", "GBK / GB2312"),
             ("gb18030", "GB18030"), ("utf-16", "UTF-16")]
SCHEMA_HELP = _("Table Schema JSON（字段 fields：name 标识符、title 中文名称、type、constraints、"
                "codeList 代码表、checksum 校验位）")


def _organizations(user, orgs_of) -> forms.ModelChoiceField:
    queryset = organizations_to_choose(user, orgs_of)
    field = forms.ModelChoiceField(label=_("单位"), queryset=queryset)
    if queryset.count() == 1:
        field.initial = queryset.first()
    return field


class ServiceForm(ServiceErrorsMixin, forms.Form):
    """A form whose ``save()`` calls a service; ``FIELD_OF`` renames service error keys."""

    def call(self, service, *args, **kwargs):
        """Run the service; None (with the errors on the form) if it refuses the input."""
        try:
            return service(*args, **kwargs)
        except ValidationError as exc:
            self.add_service_errors(exc)
            return None


class SchemaFields(ServiceForm):
    """A schema uploaded as a .json file or pasted as text (one of the two)."""

    schema_file = forms.FileField(label=_("上传数据结构文件"), required=False,
                                  help_text=_(".json 文件"))
    schema = forms.CharField(label=_("或直接编辑数据结构"), required=False, help_text=SCHEMA_HELP,
                             widget=forms.Textarea(attrs={"rows": 18, "class": "code",
                                                          "spellcheck": "false"}))

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("schema_file")
        if upload:
            try:
                check_upload(upload, kind="schemas")
            except ValidationError as error:
                self.add_error("schema_file", error)
                return cleaned
            cleaned["schema"] = upload.read()
            self.FIELD_OF = {**self.FIELD_OF, "schema": "schema_file"}
        elif not (cleaned.get("schema") or "").strip():
            self.add_error("schema", _("请上传 .json 文件或填写数据结构。"))
        return cleaned


class DataStandardForm(SchemaFields):
    identifier = forms.CharField(label=_("标识"), max_length=80,
                                 help_text=_("如 zj/legal-entity，字母、数字和 . _ / -"))
    title = forms.CharField(label=_("名称"), max_length=300)
    standard_code = forms.CharField(
        label=_("对应标准"), required=False, max_length=120,
        help_text=_("本数据标准实施的标准号，如 DB33/T 2350-2021，可不填"))
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}))
    version_label = forms.CharField(label=_("版本"), max_length=40, initial="1.0")
    notes = forms.CharField(label=_("版本说明"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))

    field_order = ["identifier", "title", "organization", "standard_code", "description",
                   "version_label", "notes", "schema_file", "schema"]
    WIDE = ("description", "notes", "schema_file", "schema")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"] = _organizations(user, editor_orgs)
        self.order_fields(self.field_order)

    def clean_standard_code(self) -> Standard | None:
        text = self.cleaned_data["standard_code"].strip()
        if not text:
            return None
        standard = standard_by_code(text)
        if standard is None:
            raise ValidationError(_("标准库中没有 %(code)s。") % {"code": canonical_code(text)})
        return standard

    def save(self) -> DataStandardVersion | None:
        data = self.cleaned_data
        return self.call(services.publish_data_standard, self.user,
                         identifier=data["identifier"], title=data["title"],
                         organization=data["organization"], standard=data["standard_code"],
                         description=data["description"], schema=data["schema"],
                         version_label=data["version_label"], notes=data["notes"])


class VersionForm(SchemaFields):
    version_label = forms.CharField(label=_("新版本"), max_length=40)
    notes = forms.CharField(label=_("版本说明"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))

    field_order = ["version_label", "notes", "schema_file", "schema"]
    WIDE = ("notes", "schema_file", "schema")

    def __init__(self, *args, user, data_standard: DataStandard, **kwargs):
        latest = data_standard.latest_version
        if latest is not None:
            kwargs.setdefault("initial", {})["schema"] = latest.schema_text
        super().__init__(*args, **kwargs)
        self.user, self.data_standard = user, data_standard
        self.order_fields(self.field_order)

    def save(self) -> DataStandardVersion | None:
        data = self.cleaned_data
        return self.call(services.publish_version, self.user, self.data_standard,
                         schema=data["schema"], version_label=data["version_label"],
                         notes=data["notes"])


class CodeListImportForm(ServiceForm):
    identifier = forms.CharField(
        label=_("代码表标识"), max_length=100,
        help_text=_("数据结构中 codeList 引用的标识；已有的标识导入为新版本"))
    title = forms.CharField(label=_("名称"), max_length=300, required=False,
                            help_text=_("新代码表必填"))
    description = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))
    version_label = forms.CharField(label=_("版本"), max_length=40)
    file = forms.FileField(label=_("代码文件"), help_text=_(
        "CSV（UTF-8 或 GBK）或 .xlsx，表头含 code、name，可选 parent（或 代码、名称、上级代码）"))

    WIDE = ("description",)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        organization = _organizations(user, editor_orgs)
        organization.required = False
        organization.help_text = _("新代码表必填")
        self.fields["organization"] = organization
        self.order_fields(["identifier", "title", "organization", "description",
                           "version_label", "file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, kind="code_lists", suffixes=CSV_SUFFIXES | XLSX_SUFFIXES)
        return upload

    def clean(self):
        cleaned = super().clean()
        identifier = (cleaned.get("identifier") or "").strip()
        if identifier and not CodeList.objects.filter(identifier=identifier).exists():
            for name in ("title", "organization"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("新代码表必填。"))
        return cleaned

    def save(self):
        data = self.cleaned_data
        upload = data["file"]
        with as_path(upload) as path:
            return self.call(services.import_code_list, self.user,
                             identifier=data["identifier"], version_label=data["version_label"],
                             path=path, source_name=upload.name, title=data["title"],
                             organization=data["organization"], description=data["description"])


class RunForm(ServiceForm):
    version = forms.ModelChoiceField(label=_("数据标准版本"), empty_label=None,
                                     queryset=DataStandardVersion.objects.none())
    dataset = forms.FileField(label=_("数据文件"), help_text=_("CSV、.xlsx 或 Parquet；首行为表头"))
    encoding = forms.ChoiceField(label=_("CSV 编码"), choices=ENCODINGS, required=False)

    def __init__(self, *args, user, data_standard: DataStandard, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        versions = queries.versions_of(user, data_standard)
        self.fields["version"].queryset = versions
        self.fields["version"].initial = versions.first()
        self.fields["organization"] = _organizations(user, member_orgs)
        self.fields["organization"].label = _("受检单位")
        self.order_fields(["version", "organization", "dataset", "encoding"])

    def save(self):
        data = self.cleaned_data
        return self.call(services.start_run, self.user, version=data["version"],
                         organization=data["organization"], upload=data["dataset"],
                         encoding=data["encoding"])
