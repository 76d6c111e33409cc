"""Alert rules: the YAML file's shape, validated once at start-up.

The shipped defaults are `rules.yaml` beside this module; `Settings.rules_path` replaces them
whole. A mistake in the file stops the service with the file name and line of the bad value,
because a rule silently ignored is an alert never raised.
"""

from __future__ import annotations

import re
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from wirewatch.contracts import Category, PlaceKind, Severity

LEVELS: tuple[Severity, ...] = ("low", "medium", "high", "critical")
GroupBy = Literal["crossing", "admin1", "destination_country"]

# Only where people are counted at the place itself; a region or country is too coarse for a
# crossing, and a crossing or border holds people who have not (yet) settled in the admin1.
DEFAULT_PLACE_KINDS: dict[str, tuple[PlaceKind, ...]] = {
    "crossing": ("crossing", "border"),
    "admin1": ("admin1", "city", "village", "camp", "region"),
    "destination_country": ("country", "admin1", "city", "village", "camp", "region", "crossing", "border"),
}
MOVEMENT: frozenset[str] = frozenset({"displacement", "cross_border"})
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


class RulesError(ValueError):
    """The rules file is unusable; the message names the file and line."""


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable: it is part of every alert id.")
    description: str = ""
    group_by: GroupBy
    categories: tuple[Category, ...] = Field(min_length=1)
    place_kinds: tuple[PlaceKind, ...] | None = None
    window: timedelta = Field(description="'7d', '36h', '90m': quiet for this long -> resolved.")
    thresholds: dict[Severity, int]
    update_growth: float | None = Field(
        0.5, ge=0, description="Emit 'updated' when the estimate grows by this fraction at the same level; null: never."
    )
    household_size: float | None = Field(
        None, gt=0, description="People per household to count household figures; null: they are not counted."
    )

    @field_validator("window", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> Any:
        if isinstance(value, str) and (match := _DURATION.match(value)):
            return timedelta(seconds=float(match[1]) * _UNIT_SECONDS[match[2]])
        if isinstance(value, str) and not value.strip().upper().startswith("P"):
            raise ValueError("a duration like '7d', '36h', '90m', '30s' or '2w'")
        return value

    @field_validator("window")
    @classmethod
    def _positive(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("must be longer than zero")
        return value

    @field_validator("categories")
    @classmethod
    def _movement_only(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        # Stocks and death tolls describe a population, not people on the move this week:
        # letting them in would alert on every article that mentions a refugee population.
        barred = sorted(set(value) - MOVEMENT)
        if barred:
            raise ValueError(f"{', '.join(barred)} can never feed a movement rule; use displacement or cross_border")
        return value

    @field_validator("thresholds")
    @classmethod
    def _increasing(cls, value: dict[str, int]) -> dict[str, int]:
        if not value:
            raise ValueError("give at least one level (low, medium, high, critical)")
        levels = [level for level in LEVELS if level in value]
        for level in levels:
            if value[level] < 1:
                raise ValueError(f"{level}: a threshold is a number of people, at least 1")
        for lower, higher in zip(levels, levels[1:]):
            if value[higher] <= value[lower]:
                raise ValueError(f"{higher} ({value[higher]}) must be above {lower} ({value[lower]})")
        return {level: value[level] for level in levels}

    @model_validator(mode="after")
    def _kinds(self) -> "Rule":
        if self.place_kinds is None:
            object.__setattr__(self, "place_kinds", DEFAULT_PLACE_KINDS[self.group_by])
        return self

    def severity(self, people: int) -> Severity | None:
        """The highest level whose threshold the figure reaches."""
        reached = [level for level, floor in self.thresholds.items() if people >= floor]
        return reached[-1] if reached else None


class RuleSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    rules: tuple[Rule, ...]

    @field_validator("rules")
    @classmethod
    def _unique(cls, value: tuple[Rule, ...]) -> tuple[Rule, ...]:
        if not value:
            raise ValueError("give at least one rule")
        names = [rule.name for rule in value]
        duplicated = sorted({name for name in names if names.count(name) > 1})
        if duplicated:
            raise ValueError(f"rule names must be unique: {', '.join(duplicated)}")
        return value

    def get(self, name: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.name == name), None)


def default_rules_path() -> Path:
    return Path(str(resources.files("alerting") / "rules.yaml"))


def load_rules(path: Path | None = None) -> RuleSet:
    path = Path(path) if path is not None else default_rules_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError(f"{path}: cannot read the rules file: {exc}") from exc
    return parse_rules(text, str(path))


def parse_rules(text: str, filename: str = "<rules>") -> RuleSet:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{filename}:{mark.line + 1}" if mark else filename
        raise RulesError(f"{where}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from exc
    if root is None:
        raise RulesError(f"{filename}:1: the rules file is empty")
    _refuse_duplicate_keys(root, filename)
    try:
        return RuleSet.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            node = _node_at(root, error["loc"], key_node=error["type"] == "extra_forbidden")
            line = node.start_mark.line + 1 if node is not None else 1
            field = _dotted(error["loc"])
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{filename}:{line}: {field or '(top level)'}: {message}")
        raise RulesError("invalid alert rules\n  " + "\n  ".join(problems)) from exc


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if part == "[key]":
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _node_at(root: yaml.Node | None, loc: tuple[Any, ...], *, key_node: bool = False) -> yaml.Node | None:
    """The deepest YAML node along pydantic's error path (a missing field points at its parent)."""
    node = root
    for depth, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if match is None:
                break
            last = depth == len(loc) - 1
            node = match[0] if (key_node and last) else match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            break
    return node


def _refuse_duplicate_keys(node: yaml.Node, filename: str) -> None:
    # PyYAML keeps the last of two equal keys without a word; a rule tuned twice is a mistake.
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                raise RulesError(f"{filename}:{key.start_mark.line + 1}: '{key.value}' appears twice in the same mapping")
            seen.add(key.value)
            _refuse_duplicate_keys(value, filename)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_duplicate_keys(item, filename)
