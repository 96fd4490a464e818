from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(label=_("令牌名称"), max_length=100, required=False,
                           help_text=_("用于识别令牌的用途，例如脚本或系统名称。"))
